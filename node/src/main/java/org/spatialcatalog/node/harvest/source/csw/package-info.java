/**
 * CSW 2.0.2 sources: GetRecords paged by startPosition, GetRecordById on request. Stateless;
 * thread-safe.
 */
package org.spatialcatalog.node.harvest.source.csw;
