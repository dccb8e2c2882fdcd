-- Core tables shared by every node of a cluster. Written in the SQL that H2 2.x and
-- PostgreSQL both accept; columns whose type differs live in the vendor folders.

-- Cluster-wide settings. site.uuid is replaced once by the first node that starts.
CREATE TABLE catalog_setting (
    setting_name  VARCHAR(128)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL
);
INSERT INTO catalog_setting (setting_name, setting_value) VALUES ('site.uuid', 'CHANGEME');

-- Metadata records. id is the internal id (see RecordId), uuid the metadata uuid.
CREATE TABLE metadata_record (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    uuid          VARCHAR(255)  NOT NULL,
    schema_id     VARCHAR(32)   NOT NULL,
    title         VARCHAR(4000) NOT NULL,
    west          DOUBLE PRECISION,
    south         DOUBLE PRECISION,
    east          DOUBLE PRECISION,
    north         DOUBLE PRECISION,
    date_stamp    TIMESTAMP WITH TIME ZONE,
    version       BIGINT        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    change_date   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_metadata_record_uuid UNIQUE (uuid)
);

-- The change log (transactional outbox): one row per record change, written in the same
-- transaction as the change. seq is taken from change_log_counter under its row lock, so
-- sequence numbers are gapless and commit in sequence order.
CREATE TABLE change_log (
    seq            BIGINT      NOT NULL PRIMARY KEY,
    record_id      VARCHAR(36) NOT NULL,
    operation      VARCHAR(8)  NOT NULL,
    record_version BIGINT      NOT NULL,
    committed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_change_log_record ON change_log (record_id);

CREATE TABLE change_log_counter (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO change_log_counter (id, last_seq) VALUES (1, 0);

-- One row per node that ever started: its heartbeat and index state.
CREATE TABLE cluster_node (
    node_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    host            VARCHAR(255) NOT NULL,
    http_port       INTEGER      NOT NULL,
    pid             BIGINT       NOT NULL,
    version         VARCHAR(64)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    index_checkpoint BIGINT      NOT NULL,
    indexed_records BIGINT       NOT NULL
);
