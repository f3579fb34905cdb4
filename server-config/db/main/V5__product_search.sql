-- Catalog search: case-insensitive substring match on name and description (trigram indexes serve
-- LOWER(x) LIKE '%text%'), price-range filters and sorts with the SKU as tie-breaker.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX product_name_trgm_idx ON product USING gin (lower(name) gin_trgm_ops);
CREATE INDEX product_description_trgm_idx ON product USING gin (lower(description) gin_trgm_ops);
CREATE INDEX product_price_sku_idx ON product (price_amount, sku);
CREATE INDEX product_name_sku_idx ON product (name, sku);
