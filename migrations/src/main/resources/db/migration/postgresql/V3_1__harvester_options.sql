-- Harvester options (JSON): TEXT on PostgreSQL.
ALTER TABLE harvester ADD COLUMN options_json TEXT;
