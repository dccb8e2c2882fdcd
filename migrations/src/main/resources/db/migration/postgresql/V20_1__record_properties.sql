-- Issue 11: the built-in properties of a record (the CSW ISO AP queryables), read from its XML by
-- the node that writes it and kept beside it as JSON, so that the other nodes and every rebuild
-- index the record without another pass over its XML (StoredProperties). properties_version is the
-- record version they were read from: a row written without them (by a node of an older version,
-- or before this migration) keeps NULL or an older version there, and its XML is read instead.
ALTER TABLE metadata_record ADD COLUMN properties TEXT;
ALTER TABLE metadata_record ADD COLUMN properties_version BIGINT;
