package dev.scaleshop.cart.resource;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The whole cart at once (PUT). */
public record CartReplacement(@NotNull @Size(max = 50) List<@NotNull @Valid CartItem> items) {
}
