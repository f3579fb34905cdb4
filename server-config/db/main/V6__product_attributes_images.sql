-- Product attributes (name -> value, e.g. {"brand": "Acme", "color": "red"}) and images (an ordered list
-- of {"url", "alt"}), kept on the product row as jsonb: one read fetches, caches and tags the whole
-- product. Shape checks here too, so a write that bypasses the API cannot store what the API rejects.
ALTER TABLE product
    ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(attributes) = 'object'),
    ADD COLUMN images jsonb NOT NULL DEFAULT '[]'::jsonb
        CHECK (jsonb_typeof(images) = 'array' AND jsonb_array_length(images) <= 10);

-- Seed products get a brand and a colour, deterministically, like the rest of the seed.
UPDATE product
SET attributes = jsonb_build_object(
        'brand', 'Brand ' || (id % 40),
        'color', (ARRAY ['black', 'white', 'red', 'blue', 'green'])[1 + id % 5])
WHERE sku LIKE 'SKU-%';
