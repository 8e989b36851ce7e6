-- The browser origins (scheme://host[:port], exact) allowed to call /v1/client/* and to load the Web SDK cross-origin,
-- per organisation (issue #14). Managed by the admin CLI (Organisations.allowOrigin/removeOrigin) and, for the demo
-- organisation, by VERILOCK_CORS_ORIGINS.
CREATE TABLE organisation_origins (
    organisation_id  VARCHAR(64)  NOT NULL REFERENCES organisations (id),
    origin           VARCHAR(300) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organisation_id, origin)
);
-- Preflights carry no credential: they are answered for an origin that some organisation allows.
CREATE INDEX organisation_origins_origin ON organisation_origins (origin);
