/**
 * The customer directory and login: accounts (email, PBKDF2 password hash, roles, status) in the main
 * database, RS256 access tokens that every instance verifies with MicroProfile JWT, rotating refresh
 * tokens, and brute-force throttling per account and per client address on the cluster's data grid.
 */
package dev.scaleshop.identity;
