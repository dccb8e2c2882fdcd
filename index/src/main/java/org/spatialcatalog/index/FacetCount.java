package org.spatialcatalog.index;

/**
 * How many records matching a search carry one facet value.
 *
 * @param value the facet value, exactly as indexed
 * @param count the number of matching records carrying it
 */
public record FacetCount(String value, long count) {}
