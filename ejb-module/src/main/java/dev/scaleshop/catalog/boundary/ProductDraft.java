package dev.scaleshop.catalog.boundary;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.scaleshop.catalog.entity.ProductImage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an administrator sends to create or replace a product. */
public record ProductDraft(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must hold 1 to 64 of [A-Za-z0-9._-]") String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @NotNull @Valid Price price,
        @NotNull @Min(0) @Max(1_000_000) Integer stock,
        @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a category slug") String category,
        @Size(max = 50) Map<@NotNull @Pattern(regexp = "[a-z][a-z0-9_-]{0,39}",
                message = "attribute names hold 1 to 40 of [a-z0-9_-], starting with a letter") String,
                @NotNull @Size(max = 200) String> attributes,
        @Size(max = 10) List<@NotNull @Valid Image> images) {

    /** Absent attributes and images mean none. */
    public ProductDraft {
        attributes = attributes == null ? Map.of() : attributes;
        images = images == null ? List.of() : images;
    }

    public List<ProductImage> productImages() {
        return images.stream().map(image -> new ProductImage(image.url(), image.alt() == null ? "" : image.alt())).toList();
    }

    /** An image the product links to: an https URL (uploads with thumbnails arrive with the jobs). */
    public record Image(
            @NotNull @Size(max = 500) @Pattern(regexp = "https://[^\\s\"<>]+", message = "must be an https URL") String url,
            @Size(max = 200) String alt) {
    }

    public record Price(
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }
}
