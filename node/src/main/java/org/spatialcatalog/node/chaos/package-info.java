/**
 * {@code ./catalog chaos}: a seeded run of random faults against a real cluster (a broker and N
 * nodes as processes, H2 or PostgreSQL), under a workload whose every operation is logged with its
 * outcome, followed by a checker that reads the whole history against the quiet cluster.
 *
 * <p>Guarantees. The fault schedule is a function of the seed, the run length, the node count and
 * the lease: the same seed injects the same faults in the same order at the same planned times
 * (real timings vary with the machine). Every node reaches the broker and the database only through
 * its own {@link org.spatialcatalog.node.chaos.FaultProxy}, so network faults hit one node or all
 * as planned. A write counts as acknowledged only on a 2xx answer, as refused on a 4xx answer or
 * when it never reached a node, and as unknown otherwise; the checker allows an unknown write to
 * have happened or not, never a refused one. Each check reports its own PASS or FAIL with at most
 * five pieces of evidence, and the command exits non-zero on any failure. Nothing here is used by a
 * running node.
 */
package org.spatialcatalog.node.chaos;
