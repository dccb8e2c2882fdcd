package org.spatialcatalog.node.harvest.job;

/**
 * What a run that read its source to the end achieved, stored with the job ({@code outcome}) so an
 * operator sees a partial success without reading its counters. A run whose every record failed
 * does not get an outcome: it ends FAILED.
 */
public enum JobOutcome {
  /** Every record imported or unchanged, and every vanished record removed. */
  COMPLETE,
  /** Some records failed (see the job's failures); the others were imported. */
  RECORDS_FAILED,
  /** Removals of vanished records were held back (see the job's note). */
  REMOVALS_HELD,
  /** Both of the above. */
  RECORDS_FAILED_REMOVALS_HELD;

  public static JobOutcome of(boolean recordsFailed, boolean removalsHeld) {
    if (recordsFailed) {
      return removalsHeld ? RECORDS_FAILED_REMOVALS_HELD : RECORDS_FAILED;
    }
    return removalsHeld ? REMOVALS_HELD : COMPLETE;
  }
}
