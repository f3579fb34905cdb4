/**
 * The shopping cart: SKUs and quantities kept in the distributable HTTP session (replicated on the
 * cluster's data grid, so any instance serves it and it survives the loss of one), priced from the
 * catalog on every read — never from what a client says a price is.
 */
package dev.scaleshop.cart;
