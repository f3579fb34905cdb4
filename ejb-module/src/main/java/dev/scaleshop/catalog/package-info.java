/**
 * The product catalog: categories (a two-level tree) and products, owned by the main database.
 * Reads run without a transaction so they are served by the replica; the catalog is read-heavy and
 * replica staleness of a few milliseconds is acceptable for anonymous browsing (read-your-writes for
 * writers arrives with catalog administration).
 */
package dev.scaleshop.catalog;
