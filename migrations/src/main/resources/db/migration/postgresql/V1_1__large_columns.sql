-- Large text columns: TEXT on PostgreSQL.
ALTER TABLE metadata_record ADD COLUMN abstract_text TEXT;
ALTER TABLE metadata_record ADD COLUMN keywords TEXT;
ALTER TABLE metadata_record ADD COLUMN xml_doc TEXT NOT NULL;
