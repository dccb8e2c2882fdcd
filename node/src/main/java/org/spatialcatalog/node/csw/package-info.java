/**
 * The OGC Catalogue Service (CSW 2.0.2) endpoint {@code /csw} of every node: GetCapabilities,
 * DescribeRecord, GetDomain, GetRecords, GetRecordById, Transaction and Harvest, in KVP (GET) and
 * XML (POST) encodings.
 *
 * <p>Guarantees: a caller sees through CSW exactly what the JSON search shows the same caller
 * (queries run through the same index search with the caller's viewer tokens, reads and writes
 * through the record service with its privilege checks); every failure is an {@code
 * ows:ExceptionReport} with an OWS code and a locator; an unsupported queryable is refused by name,
 * never ignored; paging follows the index's total orders, so pages neither overlap nor skip while
 * nothing changes. XML request bodies are parsed only through {@code xml.SecureXml}. Stateless and
 * thread-safe: nothing is kept between requests.
 *
 * <p>This is the server side; the CSW harvester client lives in {@code harvest.csw}.
 */
package org.spatialcatalog.node.csw;
