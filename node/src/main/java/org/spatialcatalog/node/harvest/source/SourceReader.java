package org.spatialcatalog.node.harvest.source;

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
   * Reads the page at {@code cursor}, handing each of its items to {@code sink} as soon as it is
   * read and keeping none: the page returned has no items. Readers of sources whose pages can be
   * large (OAI-PMH, CSW) stream, so only the record being handed over is held; the default reads
   * the page whole and hands its items over.
   */
  default Page read(String cursor, ItemSink sink) throws SourceException, InterruptedException {
    Page page = read(cursor);
    for (SourceItem item : page.items()) {
      sink.accept(item);
    }
    return page.withItems(List.of());
  }

  /** Receives the items of a page one at a time, in source order. */
  @FunctionalInterface
  interface ItemSink {
    /**
     * One item. The same item may come twice in one page, when the page's answer broke off and was
     * read again.
     */
    void accept(SourceItem item) throws SourceException, InterruptedException;
  }

  /**
   * Reads a page through {@link #read(String, ItemSink)} and collects its items: for a caller that
   * wants the page whole (tests). An answer read again after it broke off counts once.
   */
  static Page collect(StreamingReader reader, String cursor)
      throws SourceException, InterruptedException {
    java.util.Map<String, SourceItem> items = new java.util.LinkedHashMap<>();
    Page page = reader.read(cursor, item -> items.putIfAbsent(item.position(), item));
    return page.withItems(new java.util.ArrayList<>(items.values()));
  }

  /** A reader whose pages are streamed; reading a page whole collects what it streams. */
  interface StreamingReader extends SourceReader {
    @Override
    Page read(String cursor, ItemSink sink) throws SourceException, InterruptedException;

    @Override
    default Page read(String cursor) throws SourceException, InterruptedException {
      return collect(this, cursor);
    }
  }

  /**
   * One page of a source.
   *
   * @param items the records of this page, in source order
   * @param next the cursor of the following page, or null when this is the last page
   * @param matched how many records the source said the whole listing has (CSW
   *     numberOfRecordsMatched, a catalog's total, a WMS layer count), or -1 when it says nothing;
   *     removals need the same count at the first and the last page
   * @param restarted true when the source made the reader start its listing again (an expired
   *     OAI-PMH resumptionToken): pages of records this run already has are then expected
   * @param notes what the job's events should say about this page (a quirk the reader met)
   * @param listedSince set on the first page of an incremental listing (only what changed since
   *     this time, as the source was asked): records absent from it did not vanish, and only
   *     records the source reports deleted are removed
   */
  record Page(
      List<SourceItem> items,
      String next,
      long matched,
      boolean restarted,
      List<String> notes,
      String listedSince) {
    public Page {
      items = List.copyOf(items);
      notes = List.copyOf(notes);
    }

    /** This page with other items. */
    public Page withItems(List<SourceItem> other) {
      return new Page(other, next, matched, restarted, notes, listedSince);
    }

    public Page(List<SourceItem> items, String next) {
      this(items, next, -1, false, List.of(), null);
    }

    public Page(List<SourceItem> items, String next, long matched) {
      this(items, next, matched, false, List.of(), null);
    }
  }
}
