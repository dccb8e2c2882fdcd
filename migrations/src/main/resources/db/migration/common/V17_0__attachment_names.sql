-- Issue 13: one row per attachment name of a record. An upload locks its name's row
-- (SELECT ... FOR UPDATE) while it checks that the name does not exist with the other visibility
-- and renames its file into place, so uploads of one name on different nodes take turns and no
-- upload ever has to withdraw a file it already put in place. A record's rows are removed with
-- its files.
CREATE TABLE attachment_name (
    record_id  VARCHAR(36)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    PRIMARY KEY (record_id, name)
);
