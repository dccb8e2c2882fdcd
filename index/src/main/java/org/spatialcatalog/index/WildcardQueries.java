package org.spatialcatalog.index;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;

/**
 * Wildcard queries, each compiled once per field and pattern and then shared.
 *
 * <p>Why: a {@link WildcardQuery} compiles its automaton in its constructor (determinize, reverse,
 * run tables), and a CSW {@code AnyText LIKE '%water%'} needs one per text field. Profiled under
 * {@code bench csw}, that compilation was half the CPU of a GetRecords request, repeated for every
 * page a client fetches with the same constraint. Lucene queries are immutable, so one compiled
 * query serves every search, on every thread.
 *
 * <p>Bounded: the {@value #CAPACITY} most recently used patterns are kept, and patterns longer than
 * {@value #LONGEST} characters are compiled each time and never kept, so hostile patterns cannot
 * fill the heap. Thread-safe.
 */
final class WildcardQueries {

  static final int CAPACITY = 512;
  static final int LONGEST = 200;

  private static final Map<Term, Query> COMPILED =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Term, Query> eldest) {
          return size() > CAPACITY;
        }
      };

  private WildcardQueries() {}

  /** The wildcard query of {@code pattern} ({@code *} and {@code ?}) on {@code field}. */
  static Query of(String field, String pattern) {
    Term term = new Term(field, pattern);
    if (pattern.length() > LONGEST) {
      return new WildcardQuery(term);
    }
    synchronized (COMPILED) {
      Query known = COMPILED.get(term);
      if (known != null) {
        return known;
      }
    }
    // Compiled outside the lock: two threads may both compile a new pattern; either result is
    // the same query.
    Query compiled = new WildcardQuery(term);
    synchronized (COMPILED) {
      COMPILED.putIfAbsent(term, compiled);
    }
    return compiled;
  }
}
