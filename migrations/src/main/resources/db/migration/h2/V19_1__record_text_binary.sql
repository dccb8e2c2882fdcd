-- On H2 the record's long text columns become BINARY VARYING: their UTF-8 bytes. Through the H2
-- TCP server a CHARACTER VARYING value is read one character at a time (two synchronized stream
-- reads per character), and that bounded every bulk read of records: a node's index rebuild, the
-- index sync of another node's writes, and OAI-PMH ListRecords in ISO 19139 (docs/benchmarks.md,
-- "The record text as bytes on H2"). A binary value is read as one block. H2 converts a character
-- string written to these columns, and one read from them with getString, as UTF-8, so the code
-- reads and writes strings as before; the existing values are converted as UTF-8 too. No query
-- compares or sorts these columns; title, which is sorted on, stays a character string.
-- PostgreSQL's TEXT is sent as bytes already and keeps its type.
ALTER TABLE metadata_record ALTER COLUMN xml_doc SET DATA TYPE BINARY VARYING;
ALTER TABLE metadata_record ALTER COLUMN abstract_text SET DATA TYPE BINARY VARYING;
ALTER TABLE metadata_record ALTER COLUMN keywords SET DATA TYPE BINARY VARYING;
ALTER TABLE metadata_record_version ALTER COLUMN xml_doc SET DATA TYPE BINARY VARYING;
