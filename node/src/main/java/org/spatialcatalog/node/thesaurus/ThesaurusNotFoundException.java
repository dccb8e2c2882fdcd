package org.spatialcatalog.node.thesaurus;

/** No thesaurus (or concept) with this id. */
public class ThesaurusNotFoundException extends RuntimeException {

  public ThesaurusNotFoundException(String what) {
    super("no thesaurus " + what);
  }
}
