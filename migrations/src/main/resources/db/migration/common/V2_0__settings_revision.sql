-- Every settings change bumps this revision in the same transaction, so a node that cannot hear
-- the SETTINGS topic notices the change by reading one row.
INSERT INTO catalog_setting (setting_name, setting_value) VALUES ('settings.revision', '0');
