/**
 * Pessimistic edit locks, kept in the shared database so they hold across nodes and survive the
 * death of the node (and HTTP session) that took them.
 *
 * <p>Taking a lock is race-safe: a new lock is an INSERT decided by the primary key, and taking
 * over an expired lock is an UPDATE conditional on the expiry, so of any number of concurrent
 * attempts on any nodes exactly one wins. A lock belongs to a user name, not to a session or a
 * node: after a failover the same user resumes (renews) or releases it from another node. A lock
 * expires after the configured idle time unless renewed (by taking it again or by saving).
 */
package org.spatialcatalog.node.lock;
