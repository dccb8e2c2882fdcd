/**
 * The index configuration: extra fields extracted from the record XML by XPath, and whether each is
 * searchable, facetable and sortable. Stored in the shared database with a revision; a change
 * reaches every node through RELOAD-INDEX-CONF (or a revision poll) and each node rebuilds its
 * index in the background while answering searches from the old one.
 */
package org.spatialcatalog.node.indexconfig;
