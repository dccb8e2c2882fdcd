package org.spatialcatalog.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console of the demo, broker and benchmark commands readable: the broker and the
 * database server they embed log only warnings. Nodes log to their own files as usual.
 */
final class QuietLogging {

  private QuietLogging() {}

  static void apply() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
