-- Stands for a migration numbered between the legacy baseline (1.1) and V4_0 that references
-- metadata_record.id as text: on a legacy database it only works if the ids were converted first.
CREATE TABLE record_note (
    record_id VARCHAR(36) NOT NULL,
    note      VARCHAR(200) NOT NULL,
    CONSTRAINT fk_note_record FOREIGN KEY (record_id) REFERENCES metadata_record (id)
);
