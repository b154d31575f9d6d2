-- Keys the service signs with (the CSRF key), made once by the first instance that starts
-- and then read by every instance and after every restart, so that a page served by one is
-- accepted by another. `secret` is 32 random bytes, base64 (URL-safe, no padding). It must
-- stay usable, so it cannot be hashed; it only lets one sign tokens for a browser whose
-- HttpOnly, SameSite=Strict cookie one already holds, and whoever reads this database
-- reads the answers anyway. Keep in step with ../../<other backend>/ and schema.rs.
CREATE TABLE signing_keys (
    name        TEXT PRIMARY KEY NOT NULL,
    secret      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
