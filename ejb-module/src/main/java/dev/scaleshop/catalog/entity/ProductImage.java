package dev.scaleshop.catalog.entity;

import java.io.Serializable;

/** A picture of a product: where it is served from and its alternative text for accessibility. */
public record ProductImage(String url, String alt) implements Serializable {
}
