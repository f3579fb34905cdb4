/**
 * Shared cluster state (HTTP sessions and JCache on Payara's Hazelcast data grid) and the diagnostics
 * operators use to check it. Hazelcast itself never appears here: only the standard JCache and
 * Servlet session APIs.
 */
package dev.scaleshop.clustering;
