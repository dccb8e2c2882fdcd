-- The index configuration (extra fields extracted from the record XML), one row, with a revision
-- bumped on every change so nodes that missed RELOAD-INDEX-CONF notice.
CREATE TABLE index_config (
    id        INTEGER         NOT NULL PRIMARY KEY,
    config    VARCHAR(200000) NOT NULL,
    revision  BIGINT          NOT NULL
);
INSERT INTO index_config (id, config, revision) VALUES (1, '{"fields":[]}', 0);
