package org.spatialcatalog.node.harvest;

import java.util.List;

/**
 * Reads a source one page at a time. A page is addressed by a cursor, an opaque string that is
 * persisted with the job, so a job resumed on another node reads the same page again.
 */
public interface SourceReader {

  /**
   * Reads the page at {@code cursor} (null: the first page).
   *
   * @throws SourceException when the source fails (after the retries of {@link SourceHttp})
   * @throws InterruptedException when the job is being stopped
   */
  Page read(String cursor) throws SourceException, InterruptedException;

  /**
   * One page of a source.
   *
   * @param items the records of this page, in source order
   * @param next the cursor of the following page, or null when this is the last page
   */
  record Page(List<SourceItem> items, String next) {
    public Page {
      items = List.copyOf(items);
    }
  }
}
