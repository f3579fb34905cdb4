/**
 * Reports for administrators that span every shard ("heavy dashboards"): asked for over the API, rendered
 * by a worker as CSV and PDF, stored in the main database and fetched when ready.
 */
package dev.scaleshop.reports;
