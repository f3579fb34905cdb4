/**
 * Card payments through the external provider: a MicroProfile Rest Client guarded by MicroProfile
 * Fault Tolerance, and the retry of authorizations that had to wait.
 */
package dev.scaleshop.payments;
