-- Uploaded product images: the original as received (checked to be an image within the size limits before
-- it was accepted) and the renditions the thumbnail worker made from it. Rows go with their product.
CREATE TABLE product_image (
    id           UUID PRIMARY KEY,
    sku          VARCHAR(64) NOT NULL REFERENCES product (sku) ON DELETE CASCADE,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'READY', 'FAILED')),
    content_type VARCHAR(40) NOT NULL,
    width        INTEGER     NOT NULL,
    height       INTEGER     NOT NULL,
    bytes        INTEGER     NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    job_id       UUID,
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX product_image_sku_idx ON product_image (sku, created_at);

CREATE TABLE product_image_original (
    image_id UUID PRIMARY KEY REFERENCES product_image (id) ON DELETE CASCADE,
    data     BYTEA NOT NULL
);

CREATE TABLE product_image_rendition (
    image_id     UUID        NOT NULL REFERENCES product_image (id) ON DELETE CASCADE,
    size         VARCHAR(16) NOT NULL,
    width        INTEGER     NOT NULL,
    height       INTEGER     NOT NULL,
    content_type VARCHAR(40) NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    data         BYTEA       NOT NULL,
    PRIMARY KEY (image_id, size)
);
