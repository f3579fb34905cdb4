-- Catalog: a two-level category tree and products. Owned by the main database (primary + replicas).
CREATE TABLE category (
    id        BIGINT PRIMARY KEY,
    slug      VARCHAR(64)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,64}$'),
    name      VARCHAR(200) NOT NULL,
    parent_id BIGINT REFERENCES category (id)
);
CREATE INDEX category_parent_idx ON category (parent_id);

CREATE TABLE product (
    id           BIGINT PRIMARY KEY,
    sku          VARCHAR(64)    NOT NULL UNIQUE,
    name         VARCHAR(200)   NOT NULL,
    description  TEXT           NOT NULL DEFAULT '',
    price_amount NUMERIC(12, 2) NOT NULL CHECK (price_amount >= 0),
    currency     CHAR(3)        NOT NULL,
    stock        INTEGER        NOT NULL CHECK (stock >= 0),
    category_id  BIGINT         NOT NULL REFERENCES category (id)
);
CREATE INDEX product_category_sku_idx ON product (category_id, sku);
