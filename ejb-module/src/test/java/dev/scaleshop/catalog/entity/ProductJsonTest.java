package dev.scaleshop.catalog.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProductJsonTest {

    private final ProductAttributesConverter attributes = new ProductAttributesConverter();
    private final ProductImagesConverter images = new ProductImagesConverter();

    @Test
    void attributesAreStoredSortedSoEqualProductsSerializeEqually() {
        Map<String, String> inserted = new LinkedHashMap<>();
        inserted.put("color", "red \"crimson\"");
        inserted.put("brand", "Acme");

        Object column = attributes.convertToDatabaseColumn(inserted);

        assertThat(column).isEqualTo("{\"brand\":\"Acme\",\"color\":\"red \\\"crimson\\\"\"}");
        assertThat(attributes.convertToEntityAttribute(column)).containsExactly(
                Map.entry("brand", "Acme"), Map.entry("color", "red \"crimson\""));
    }

    @Test
    void nonStringValuesWrittenBehindTheApiReadAsTheirJsonText() {
        assertThat(attributes.convertToEntityAttribute("{\"watts\":60,\"dimmable\":true}"))
                .containsEntry("watts", "60").containsEntry("dimmable", "true");
    }

    @Test
    void imagesKeepTheirOrderAndDefaultAltTextToEmpty() {
        List<ProductImage> list = List.of(new ProductImage("https://img.test/b.jpg", "back"),
                new ProductImage("https://img.test/a.jpg", null));

        Object column = images.convertToDatabaseColumn(list);

        assertThat(images.convertToEntityAttribute(column)).containsExactly(
                new ProductImage("https://img.test/b.jpg", "back"), new ProductImage("https://img.test/a.jpg", ""));
        assertThat(images.convertToEntityAttribute(null)).isEmpty();
    }
}
