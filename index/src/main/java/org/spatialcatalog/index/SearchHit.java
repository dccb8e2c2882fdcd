package org.spatialcatalog.index;

/**
 * One record in a page of search results, carrying just enough to render a result list.
 *
 * @param id the internal record id
 * @param uuid the metadata uuid
 * @param title the record title
 * @param abstractExcerpt the start of the abstract, at most about 200 characters, cut on a word
 *     boundary and ending in "…" when shortened
 * @param bbox the record extent, or null
 * @param score the relevance score; meaningful only relative to other hits of the same search
 * @param version the database version of the record as indexed
 */
public record SearchHit(
    String id,
    String uuid,
    String title,
    String abstractExcerpt,
    Bbox bbox,
    float score,
    long version) {}
