-- Harvesters against real servers (issue 12).
-- Datestamps and versions longer than 64 characters exist (OAI-PMH servers that put a whole
-- timestamp with zone name and fraction there); longer ones are stored as their hash.
ALTER TABLE harvested_record ALTER COLUMN change_marker SET DATA TYPE VARCHAR(512);
-- What a run that did not fail achieved: COMPLETE, RECORDS_FAILED, REMOVALS_HELD or
-- RECORDS_FAILED_REMOVALS_HELD (NULL while running and for failed runs).
ALTER TABLE harvest_job ADD COLUMN outcome VARCHAR(32);
-- How many records the source said its listing has, at the first page of the run: removals need
-- the same count at the last page (offset paging loses records when a source changes meanwhile).
ALTER TABLE harvest_job ADD COLUMN listing_matched BIGINT;
-- Who asked for what: the user who created, changed, deleted, ran, cancelled or resumed.
ALTER TABLE harvest_job_event ADD COLUMN actor VARCHAR(255);
