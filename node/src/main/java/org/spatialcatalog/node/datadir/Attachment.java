package org.spatialcatalog.node.datadir;

import java.time.Instant;

/**
 * A file attached to a record, as listed or just stored.
 *
 * @param sha256 hex SHA-256 of the content; only known for the upload that wrote it (null in
 *     listings, where it would mean reading every file)
 */
public record Attachment(
    String name,
    long size,
    String sha256,
    String contentType,
    Visibility visibility,
    Instant lastModified) {}
