package dev.scaleshop.catalog.entity;

import java.util.List;

import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** jsonb array of {"url", "alt"} ⇄ list of images, in order. */
@Converter
public class ProductImagesConverter implements AttributeConverter<List<ProductImage>, Object> {

    @Override
    public Object convertToDatabaseColumn(List<ProductImage> images) {
        JsonArrayBuilder json = Jsons.createArrayBuilder();
        ProductJson.images(images).forEach(image -> json.add(Jsons.createObjectBuilder()
                .add("url", image.url())
                .add("alt", image.alt() == null ? "" : image.alt())));
        return json.build().toString();
    }

    @Override
    public List<ProductImage> convertToEntityAttribute(Object column) {
        if (column == null) {
            return List.of();
        }
        try (JsonReader reader = ProductJson.reader(column)) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(image -> new ProductImage(image.getString("url"), image.getString("alt", "")))
                    .toList();
        }
    }
}
