package dev.scaleshop.catalog.entity;

import java.io.StringReader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonReader;

/**
 * The product's jsonb columns as Java values. The converters declare the column as Object: pgjdbc reads
 * jsonb as a PGobject (its toString is the JSON text) and writes a String as jsonb, since the pools
 * send strings untyped (stringtype=unspecified) and PostgreSQL infers the column's type. Attributes come back sorted by name, so equal products
 * serialize to equal bytes (and equal ETags) on every instance.
 */
final class ProductJson {

    private ProductJson() {
    }

    static SortedMap<String, String> attributes(Map<String, String> attributes) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
    }

    static List<ProductImage> images(List<ProductImage> images) {
        return images == null ? List.of() : List.copyOf(images);
    }

    static JsonReader reader(Object column) {
        return Jsons.createReader(new StringReader(column == null ? "null" : column.toString()));
    }
}
