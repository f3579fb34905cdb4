package dev.scaleshop.catalog.boundary;

/** The outcome of a catalog write: the product as stored, and the token that lets its writer read it back. */
public record CatalogWrite(ProductView product, String consistencyToken) {
}
