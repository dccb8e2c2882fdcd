-- The history of a deleted record is found by its metadata uuid too (GET /api/records/{uuid}/history):
-- without this index that look-up read the whole history table, which grows with every edit.
CREATE INDEX metadata_record_version_uuid ON metadata_record_version (uuid);
