/**
 * Record history: with {@code metadata.versioning} on, each update and delete keeps the previous
 * version in the shared database in the same transaction as the change (see {@link
 * org.spatialcatalog.node.record.RecordHistory}); MD-VERSIONING announces it to every node.
 */
package org.spatialcatalog.node.history;
