-- Large text columns: CLOB on H2.
ALTER TABLE metadata_record ADD COLUMN abstract_text CLOB;
ALTER TABLE metadata_record ADD COLUMN keywords CLOB;
ALTER TABLE metadata_record ADD COLUMN xml_doc CLOB NOT NULL;
