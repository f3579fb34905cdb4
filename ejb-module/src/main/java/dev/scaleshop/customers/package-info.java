/**
 * Customer profiles (name, postal address). Kept apart from the directory in {@code identity}: the
 * directory stays in the main database, profiles move to the customer's shard when sharding lands.
 */
package dev.scaleshop.customers;
