-- Applying to sell: a person's application is their sellers row, 'pending'
-- until an administrator verifies or rejects it. One shop per person.
ALTER TABLE sellers ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE sellers ADD COLUMN experience_level TEXT NOT NULL DEFAULT '';
ALTER TABLE sellers ADD COLUMN monthly_revenue TEXT NOT NULL DEFAULT '';
-- JSON: ["Etsy", "Instagram"], {"instagram": "@shop"}, {"full_name": "…", …}
ALTER TABLE sellers ADD COLUMN platforms TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sellers ADD COLUMN social_links TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sellers ADD COLUMN return_address TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sellers ADD COLUMN terms_accepted_at BIGINT;
ALTER TABLE sellers ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE sellers ADD COLUMN reviewed_by TEXT REFERENCES users (id);
ALTER TABLE sellers ADD COLUMN reviewed_at BIGINT;
ALTER TABLE sellers ADD COLUMN banner_media_id TEXT REFERENCES media (id);
DROP INDEX sellers_user_idx;
CREATE UNIQUE INDEX sellers_user_idx ON sellers (user_id);
CREATE INDEX sellers_status_idx ON sellers (status, created_at);
