/**
 * The source side: reading a harvester's source over HTTP or from a folder. One strategy ({@link
 * org.spatialcatalog.node.harvest.source.HarvestSource}) per protocol lives in a subpackage ({@code
 * csw}, {@code oaipmh}, {@code wms}, {@code catalog}, {@code folder}); this package holds what they
 * share: the job's HTTP client, streamed bodies, XML pages, record splitting, source URLs and
 * record identity.
 *
 * <p>Guarantees. Sources only read: everything they return goes through the job's reliable queue
 * and {@link org.spatialcatalog.node.record.HarvestedRecordWriter}. Every request they make goes
 * through {@link org.spatialcatalog.node.harvest.source.SourceHttp}, bounded in time and size, and
 * is cancelled when its job is stopped. Listing pages are parsed from the HTTP answer's stream
 * while it arrives ({@link org.spatialcatalog.node.harvest.source.StreamedBody}), record by record
 * ({@link org.spatialcatalog.node.harvest.source.RecordSplitter}): a page is never held, neither as
 * bytes nor as a tree, and a record over the size limit fails alone.
 */
package org.spatialcatalog.node.harvest.source;
