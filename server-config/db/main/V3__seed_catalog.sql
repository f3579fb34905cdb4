-- Deterministic seed catalog: 5 departments x 4 subcategories, 12,000 products on the subcategories.
-- Same input, same rows, on every machine: tests and benchmarks can name SKUs.
INSERT INTO category (id, slug, name, parent_id) VALUES
    (1, 'electronics', 'Electronics', NULL),
    (2, 'home', 'Home & Kitchen', NULL),
    (3, 'books', 'Books', NULL),
    (4, 'sports', 'Sports & Outdoors', NULL),
    (5, 'toys', 'Toys & Games', NULL);

INSERT INTO category (id, slug, name, parent_id)
SELECT 100 + (d.id - 1) * 4 + s.n,
       d.slug || '-' || s.suffix,
       d.name || ' / ' || initcap(s.suffix),
       d.id
FROM category d
CROSS JOIN (VALUES (1, 'essentials'), (2, 'premium'), (3, 'accessories'), (4, 'outlet')) AS s (n, suffix)
WHERE d.parent_id IS NULL;

INSERT INTO product (id, sku, name, description, price_amount, currency, stock, category_id)
SELECT g,
       'SKU-' || lpad(g::text, 6, '0'),
       'Product ' || g,
       'Deterministic seed product number ' || g || '.',
       round((((g * 7919) % 99900) + 100) / 100.0, 2),
       'EUR',
       (g * 31) % 250,
       101 + (g % 20)
FROM generate_series(1, 12000) AS g;
