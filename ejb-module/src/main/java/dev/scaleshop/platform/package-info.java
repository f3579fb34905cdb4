/** Small technical building blocks shared by business components (ids, clocks). */
package dev.scaleshop.platform;
