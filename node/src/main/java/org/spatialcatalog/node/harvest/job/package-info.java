/**
 * The job lifecycle in the shared database: creating and claiming jobs, fencing, leases, the state
 * transitions ({@link org.spatialcatalog.node.harvest.job.JobTransitions}), the per-record progress
 * ({@link org.spatialcatalog.node.harvest.job.JobItems}), the audit trail, the notifications when a
 * job ends, and the retention of finished jobs. The active parts that drive it (the lease keeper,
 * the recovery sweep) live in {@link org.spatialcatalog.node.harvest}.
 *
 * <p>Guarantees. Jobs, their per-record progress, audit trail and failures live in the shared
 * database and survive any restart. A harvester has at most one QUEUED or RUNNING job. A job runs
 * on one node at a time: it is claimed with a conditional update that gives it a new fencing token,
 * and every write for it checks that token in the same transaction: a write under a stale token
 * changes nothing (it throws {@link org.spatialcatalog.node.harvest.job.FencedOutException}, or a
 * transition answers false). Leases and deadlines use the database's clock.
 */
package org.spatialcatalog.node.harvest.job;
