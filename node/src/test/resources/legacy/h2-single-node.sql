-- The schema of a catalog that ran as a single node on H2 before clustering existed: the same
-- tables as V1 + V1_1, but integer record ids, and no Flyway history.
CREATE TABLE catalog_setting (
    setting_name  VARCHAR(128)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL
);
CREATE TABLE metadata_record (
    id            INTEGER       NOT NULL PRIMARY KEY,
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
    abstract_text CLOB,
    keywords      CLOB,
    xml_doc       CLOB NOT NULL,
    CONSTRAINT uq_metadata_record_uuid UNIQUE (uuid)
);
CREATE TABLE change_log (
    seq            BIGINT      NOT NULL PRIMARY KEY,
    record_id      INTEGER     NOT NULL,
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
