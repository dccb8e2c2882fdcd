-- A harvested record removed because it vanished from its source keeps its link row, marked
-- removed: when the same remote id comes back, the record is created again under its old id.
ALTER TABLE harvested_record ADD COLUMN removed_at TIMESTAMP;
