package org.spatialcatalog.node.chaos;

import java.util.List;

/**
 * The result of one check of a chaos run.
 *
 * @param evidence for a failure, the smallest evidence: ids, expected against found
 */
record Check(String name, boolean passed, List<String> evidence) {

  static Check of(String name, List<String> violations) {
    return new Check(name, violations.isEmpty(), List.copyOf(violations));
  }
}
