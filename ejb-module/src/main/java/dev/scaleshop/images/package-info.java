/**
 * Uploaded product images: checked on upload (an image, within byte and pixel limits) before anything is
 * queued, scaled by the thumbnail worker into fixed sizes, served with long-lived caching headers.
 */
package dev.scaleshop.images;
