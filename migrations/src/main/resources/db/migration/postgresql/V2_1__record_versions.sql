-- Previous versions of records, kept when metadata.versioning is on.
CREATE TABLE metadata_record_version (
    record_id  VARCHAR(36)   NOT NULL,
    version    BIGINT        NOT NULL,
    uuid       VARCHAR(255)  NOT NULL,
    title      VARCHAR(4000) NOT NULL,
    operation  VARCHAR(8)    NOT NULL,
    saved_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    xml_doc    TEXT          NOT NULL,
    PRIMARY KEY (record_id, version)
);
