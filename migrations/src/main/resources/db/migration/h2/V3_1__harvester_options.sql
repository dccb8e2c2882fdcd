-- Harvester options (JSON): CLOB on H2.
ALTER TABLE harvester ADD COLUMN options_json CLOB;
