/**
 * E-mail to customers: the order confirmation with the invoice attached, sent by a worker through the
 * application server's Jakarta Mail session ({@code mail/scaleshop}) to the SMTP relay, once per order.
 */
package dev.scaleshop.mail;
