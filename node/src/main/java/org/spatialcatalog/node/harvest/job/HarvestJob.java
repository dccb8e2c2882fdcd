package org.spatialcatalog.node.harvest.job;

import java.time.Instant;

/**
 * A harvest job row as stored in the shared database.
 *
 * <p>{@code outcome} says what a SUCCEEDED run achieved ({@link JobOutcome}); {@code
 * listingMatched} is the record count the source gave at the first page of the run (-1 once it
 * changed during the listing), or null; {@code listingFrom} is set when the run lists only what
 * changed since that time (an incremental OAI-PMH run).
 */
public record HarvestJob(
    String id,
    String harvesterId,
    JobState state,
    String trigger,
    Instant scheduledFor,
    int priority,
    String nodeId,
    int attempt,
    long fencingToken,
    Instant leaseUntil,
    Instant heartbeatAt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant deadlineAt,
    Instant dispatchedAt,
    boolean cancelRequested,
    boolean confirmRemoval,
    String cursor,
    boolean sourceDone,
    long processed,
    long failed,
    long skipped,
    long removed,
    String error,
    String note,
    String outcome,
    Long listingMatched,
    String listingFrom) {}
