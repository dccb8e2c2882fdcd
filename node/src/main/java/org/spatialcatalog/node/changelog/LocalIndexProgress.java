package org.spatialcatalog.node.changelog;

import java.time.Duration;

/** How far this node's index has followed the change log. */
public interface LocalIndexProgress {

  /** Asks the node to read the change log now. */
  void changeCommitted(long seq);

  /** Waits until the index has applied {@code seq}; false if that did not happen in time. */
  boolean awaitApplied(long seq, Duration timeout) throws InterruptedException;
}
