/**
 * {@code GET /api/search}, answered from this node's index alone. Guarantees: hits, totals and
 * facets count only records the caller may view (the privilege filter is part of the query, not a
 * post-filter); an unknown parameter is refused with a 400 naming it, never ignored; keywords are
 * matched and faceted in their normalised form ({@link
 * org.spatialcatalog.node.record.KeywordForm}).
 */
package org.spatialcatalog.node.search;
