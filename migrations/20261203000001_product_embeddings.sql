-- Semantic search: each product's sentence embedding (384 little-endian f32,
-- 1,536 bytes), with a hash of the text it was made from (the model's name
-- is part of it), so only changed products are embedded again.
CREATE TABLE product_embeddings (
    product_id  TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    text_hash   BIGINT NOT NULL,
    vector      BYTEA NOT NULL,
    updated_at  BIGINT NOT NULL
);
