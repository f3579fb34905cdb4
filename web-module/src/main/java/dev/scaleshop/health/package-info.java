/**
 * MicroProfile Health checks. {@code /health/ready} gates HAProxy: an instance that cannot reach the
 * primary database or the broker leaves rotation. {@code /health/live} stays UP for those outages —
 * restarting the JVM would not bring a database back.
 */
package dev.scaleshop.health;
