/**
 * Scheduled runs: the cron expressions of harvesters ({@link
 * org.spatialcatalog.node.harvest.schedule.Schedule}), and the scheduler that turns due runs into
 * jobs and hands them to dispatch.
 *
 * <p>Guarantees. Each due scheduled run creates one job cluster-wide, whichever nodes see it due. A
 * changed definition is seen by every node's scheduler at once through the HARVESTER topic, and at
 * its next tick by a node that missed the notice. The scheduler runs on a named daemon thread, logs
 * and retries its failures, and never dies silently.
 */
package org.spatialcatalog.node.harvest.schedule;
