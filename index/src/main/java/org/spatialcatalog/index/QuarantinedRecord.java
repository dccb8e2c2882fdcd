package org.spatialcatalog.index;

/**
 * A record the index could not hold in full (for example a keyword longer than Lucene's term
 * limit). It is indexed minimally instead: id, uuid, schema, a shortened title, version, change
 * date and who may view it, without keywords, abstract or extra fields. The marker lives in the
 * document itself, so it survives restarts with the index and disappears as soon as a later version
 * of the record is indexed in full, or the record is deleted.
 *
 * @param id the record id
 * @param version the record version that could not be indexed in full
 * @param reason why, as Lucene or the extraction reported it (shortened)
 */
public record QuarantinedRecord(String id, long version, String reason) {}
