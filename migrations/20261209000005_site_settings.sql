-- Settings administrators change in the back office (as opposed to the
-- BAZAAR_* settings a deployment is started with). One row per setting.
-- `require_staff_two_factor` = 'on': staff and administrators without
-- two-step sign-in have no staff powers until they turn it on.
CREATE TABLE site_settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
