package org.spatialcatalog.index;

/** How search hits are ordered. Every order is total, so paging through results is stable. */
public enum SortOrder {
  /** Best text match first; ties (and match-all queries) by id. */
  RELEVANCE,
  /** Title ascending, ignoring case; ties by id. */
  TITLE,
  /** Title descending, ignoring case; ties by id descending. */
  TITLE_DESCENDING,
  /** Newest change date first; ties by id. */
  DATE,
  /** Oldest change date first; ties by id descending. */
  DATE_ASCENDING
}
