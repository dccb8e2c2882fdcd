package org.spatialcatalog.index;

/**
 * Thrown by every call on a {@link RecordIndex} after its writer hit a tragic exception (in
 * Lucene's sense: the writer closed itself because its state could no longer be trusted).
 *
 * <p>The index stays unusable; the cause is the original tragic exception. Recovery means closing
 * the index and opening it again, which returns to the last durable commit.
 */
public class IndexFailedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public IndexFailedException(Throwable cause) {
    super("the index failed and must be reopened: " + cause, cause);
  }
}
