/**
 * The per-node Lucene index of the catalog.
 *
 * <p>{@link org.spatialcatalog.index.RecordIndex} holds one document per metadata record and
 * follows the database change log. It gives three guarantees:
 *
 * <ul>
 *   <li><b>The checkpoint is atomic with the commit.</b> Each durable commit stores the highest
 *       change-log sequence applied when the commit started in its commit user data, written in the
 *       same Lucene commit as the documents, which hold every change up to it (and possibly later
 *       ones applied while the commit ran). After a crash the index reopens at its last commit, and
 *       replaying the change log from that checkpoint (upserts and deletes are idempotent, the
 *       version guard keeps newer documents) brings it up to date. Changes applied after the last
 *       commit may be lost, but never without their checkpoint being lost with them.
 *   <li><b>Applied is searchable.</b> A search sees every change applied before it started, without
 *       waiting for a commit: a search that finds applied changes its searcher does not show
 *       refreshes first, and concurrent searches share that refresh. Each search works on one
 *       point-in-time view, so its total, page and facets always agree. A full rebuild stays
 *       invisible until it has been committed and refreshed, so searches never see a half-built
 *       index; searches during it answer from the view before it.
 *   <li><b>A single writer thread.</b> One thread applies changes, rebuilds and merges; refreshes
 *       and commits may run on other threads alongside it, so that many applied changes share one
 *       refresh and an fsync never holds up applying; any number of threads search concurrently.
 *       When the underlying writer hits a tragic error, the index refuses every further call with
 *       {@link org.spatialcatalog.index.IndexFailedException} until it is reopened from its last
 *       commit.
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
