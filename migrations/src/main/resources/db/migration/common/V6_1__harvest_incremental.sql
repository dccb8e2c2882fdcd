-- An incremental OAI-PMH run lists only what changed since this time (the `from` it sent): its
-- absent records did not vanish, so it removes only the records the source reports deleted.
ALTER TABLE harvest_job ADD COLUMN listing_from VARCHAR(64);
