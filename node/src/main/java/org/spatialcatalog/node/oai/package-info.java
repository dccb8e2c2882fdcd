/**
 * The OAI-PMH 2.0 provider at {@code /oai}: Identify, ListMetadataFormats, ListSets,
 * ListIdentifiers, ListRecords and GetRecord, in {@code oai_dc} and {@code iso19139}.
 *
 * <p>Guarantees: a caller sees exactly the records it may view (the privilege check of every read);
 * a listing is ordered by the change log, so a record changed while a harvester pages through the
 * list is neither lost nor listed twice in the same state; resumption tokens carry their whole
 * state, so any node resumes a token issued by any other, also after a restart; deleted records are
 * reported from the change log's DELETE entries, which retention keeps. The package only reads the
 * database. Thread-safe.
 */
package org.spatialcatalog.node.oai;
