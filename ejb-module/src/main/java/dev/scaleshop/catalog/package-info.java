/**
 * The product catalog: categories (a two-level tree) and products with attributes and images, owned
 * by the main database. Reads are spread over the streaming replicas in rotation and cached
 * cluster-wide; the catalog is read-heavy and replica staleness of a few milliseconds is acceptable for
 * anonymous browsing. Writers get read-your-writes through consistency tokens (commit LSNs).
 */
package dev.scaleshop.catalog;
