-- The schema of a catalog that ran as a single node on PostgreSQL before clustering existed: the same
-- tables as V1 + V1_1, but serial (integer) record ids, and the history table of an older Flyway
-- (schema_version), which today's Flyway does not read.
CREATE TABLE catalog_setting (
    setting_name  VARCHAR(128)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL
);
CREATE TABLE metadata_record (
    id            SERIAL        NOT NULL PRIMARY KEY,
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
    abstract_text TEXT,
    keywords      TEXT,
    xml_doc       TEXT NOT NULL,
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
CREATE TABLE schema_version (
    installed_rank INTEGER NOT NULL PRIMARY KEY,
    version        VARCHAR(50),
    description    VARCHAR(200) NOT NULL,
    type           VARCHAR(20) NOT NULL,
    script         VARCHAR(1000) NOT NULL,
    checksum       INTEGER,
    installed_by   VARCHAR(100) NOT NULL,
    installed_on   TIMESTAMP NOT NULL DEFAULT now(),
    execution_time INTEGER NOT NULL,
    success        BOOLEAN NOT NULL
);
INSERT INTO schema_version VALUES (1, '1', 'single node schema', 'SQL', 'V1__single_node_schema.sql',
    12345, 'catalog', now(), 42, TRUE);
