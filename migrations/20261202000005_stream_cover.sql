-- A stream's own cover picture (else its first featured product's).
ALTER TABLE streams ADD COLUMN cover_media_id TEXT REFERENCES media (id);
