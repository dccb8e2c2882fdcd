/**
 * Another catalog of this product as a source, through its public search and record API. Stateless;
 * thread-safe.
 */
package org.spatialcatalog.node.harvest.source.catalog;
