package org.spatialcatalog.node.thesaurus;

/** A thesaurus with this id exists already. */
public class DuplicateThesaurusException extends RuntimeException {

  public DuplicateThesaurusException(String id) {
    super("thesaurus '" + id + "' exists already; delete it first or import with ?replace=true");
  }
}
