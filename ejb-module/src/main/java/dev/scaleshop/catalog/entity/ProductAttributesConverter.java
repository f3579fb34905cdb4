package dev.scaleshop.catalog.entity;

import java.util.Map;
import java.util.TreeMap;

import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** jsonb object of string values ⇄ sorted map (see {@link ProductJson} for the column type). */
@Converter
public class ProductAttributesConverter implements AttributeConverter<Map<String, String>, Object> {

    @Override
    public Object convertToDatabaseColumn(Map<String, String> attributes) {
        JsonObjectBuilder json = Jsons.createObjectBuilder();
        ProductJson.attributes(attributes).forEach(json::add);
        return json.build().toString();
    }

    @Override
    public Map<String, String> convertToEntityAttribute(Object column) {
        if (column == null) {
            return ProductJson.attributes(null);
        }
        try (JsonReader reader = ProductJson.reader(column)) {
            JsonObject json = reader.readObject();
            Map<String, String> attributes = new TreeMap<>();
            json.forEach((name, value) -> attributes.put(name,
                    value instanceof JsonString text ? text.getString() : value.toString()));
            return ProductJson.attributes(attributes);
        }
    }
}

