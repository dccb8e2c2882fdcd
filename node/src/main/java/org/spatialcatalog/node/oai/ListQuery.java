package org.spatialcatalog.node.oai;

import java.time.Instant;

/**
 * What a ListRecords or ListIdentifiers request asks for.
 *
 * @param format the metadata format
 * @param set the setSpec, or null for every record
 * @param from the first datestamp included, or null
 * @param until the first datestamp excluded (the inclusive {@code until} plus its granularity), or
 *     null
 */
record ListQuery(MetadataFormat format, String set, Instant from, Instant until) {}
