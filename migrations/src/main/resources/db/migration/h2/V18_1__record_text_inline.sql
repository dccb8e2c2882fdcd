-- The record's text columns become CHARACTER VARYING (up to 1,000,000,000 characters on H2, far
-- above catalog.max-record-size). As CLOBs, every value over 256 bytes was stored apart from its
-- row and, through the H2 TCP server, fetched with one more round trip per value when read: a node
-- applying another node's writes read each record's XML and abstract that way, and under load
-- those round trips set the pace of the whole index sync (bench sync profile, docs/benchmarks.md).
-- PostgreSQL's TEXT columns are sent inline already. Values keep their content, and NOT NULL stays.
ALTER TABLE metadata_record ALTER COLUMN xml_doc SET DATA TYPE CHARACTER VARYING;
ALTER TABLE metadata_record ALTER COLUMN abstract_text SET DATA TYPE CHARACTER VARYING;
ALTER TABLE metadata_record ALTER COLUMN keywords SET DATA TYPE CHARACTER VARYING;
ALTER TABLE metadata_record_version ALTER COLUMN xml_doc SET DATA TYPE CHARACTER VARYING;
