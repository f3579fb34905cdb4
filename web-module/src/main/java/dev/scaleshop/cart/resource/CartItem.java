package dev.scaleshop.cart.resource;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A line as a client sends it: which product and how many. Never a price. */
public record CartItem(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a SKU") String sku,
        @NotNull @Min(1) @Max(99) Integer quantity) {
}
