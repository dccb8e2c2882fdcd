/**
 * The per-node Lucene index of the catalog.
 *
 * <p>{@link org.spatialcatalog.index.RecordIndex} holds one document per metadata record and
 * follows the database change log. It gives three guarantees:
 *
 * <ul>
 *   <li><b>The checkpoint is atomic with the commit.</b> Each durable commit stores the highest
 *       change-log sequence applied in its commit user data, written in the same Lucene commit as
 *       the documents. After a crash the index reopens at its last commit with exactly the
 *       checkpoint that describes its content, and replaying the change log from that checkpoint
 *       (upserts and deletes are idempotent) brings it up to date. Changes applied after the last
 *       commit are lost together with their checkpoint, never separately.
 *   <li><b>Near-real-time visibility.</b> Applied changes become visible to searches on the next
 *       refresh, without waiting for a commit. Each search works on one point-in-time view, so its
 *       total, page and facets always agree. A full rebuild stays invisible until it has been
 *       committed and refreshed, so searches never see a half-built index.
 *   <li><b>A single writer thread.</b> One thread applies changes, refreshes, commits, rebuilds and
 *       merges; any number of threads search concurrently. When the underlying writer hits a tragic
 *       error, the index refuses every further call with {@link
 *       org.spatialcatalog.index.IndexFailedException} until it is reopened from its last commit.
 * </ul>
 *
 * <p>Searches accept any user text without parse errors, filter on exact keywords and on
 * bounding-box intersection (boxes crossing the antimeridian included), sort by relevance, title or
 * change date (either direction), and count keyword facets over all matches. A structured {@link
 * org.spatialcatalog.index.Constraint} (the CSW filters: and/or/not, word and wildcard matches,
 * exact values with or without case, date ranges, intersects/within) narrows a search further; a
 * comparison the index cannot answer is refused, never ignored. Existing documents lack the
 * exact-title and lower-cased keyword fields those constraints use until the index is rebuilt or
 * the records change.
 */
package org.spatialcatalog.index;
