/** OAI-PMH 2.0 sources: ListRecords paged by resumptionToken. Stateless; thread-safe. */
package org.spatialcatalog.node.harvest.source.oaipmh;
