-- Running the shop's people from the back office.
--
-- `status`: a deactivated person cannot sign in and has no open session;
-- their orders, reviews and shop stay. `staff_areas`: for staff, the parts
-- of the back office they may use, comma-separated (`orders,catalog`);
-- administrators may use every area whatever it says. Staff who existed
-- before areas keep what they could already do, finance and people aside.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'deactivated'));
ALTER TABLE users ADD COLUMN staff_areas TEXT NOT NULL DEFAULT '';
UPDATE users SET staff_areas = 'orders,catalog,live,support,analytics' WHERE role = 'staff';

-- Who changed what: one row per change, written in the transaction of the
-- change. Append-only: no code path updates or deletes a row, and the
-- database refuses it too (triggers made at start-up, `audit::db::seal`,
-- as their syntax differs between the engines). `before_json` and
-- `after_json` hold the changed fields only. `actor_id` is NULL for the
-- shop itself (a scheduled job); `actor_role` is the role at the time.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    actor_id    TEXT REFERENCES users (id),
    actor_role  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    ip          TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE INDEX audit_log_time_idx ON audit_log (created_at, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, created_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at);

-- Notes staff keep about a person (on the person's back-office page).
CREATE TABLE person_notes (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    author_id  TEXT NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX person_notes_user_idx ON person_notes (user_id, created_at);
