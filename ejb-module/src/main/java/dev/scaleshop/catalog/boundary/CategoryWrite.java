package dev.scaleshop.catalog.boundary;

/** The outcome of a category write: the category as stored, and the token to read it back with. */
public record CategoryWrite(CategoryView category, String consistencyToken) {
}
