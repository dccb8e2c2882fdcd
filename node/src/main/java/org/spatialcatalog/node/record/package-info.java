/**
 * Metadata records: parsing (ISO 19139 and Dublin Core, through the {@code xml} package's safe
 * parsers), limits, storage and the create/replace/delete service behind the JSON API, CSW
 * transactions and harvests. Guarantees: a change commits together with its change-log entry or not
 * at all; a value beyond {@link org.spatialcatalog.node.record.RecordLimits} is refused on every
 * write path, naming the limit; saving identical XML changes nothing (same version, no history
 * entry); a 2xx answer means the change is searchable on the node that took it, and when the index
 * does not get there in time the caller gets {@link
 * org.spatialcatalog.node.record.NotYetSearchableException} (a 503) with the change still
 * committed, never a silent success.
 */
package org.spatialcatalog.node.record;
