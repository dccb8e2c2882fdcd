package org.spatialcatalog.node.thesaurus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One thesaurus in memory, for fast keyword lookup and autocompletion: concepts by URI and a sorted
 * index of lower-cased labels (preferred and alternative, every language). Lookups take a read
 * lock, concept changes a write lock.
 */
final class ThesaurusView {

  /** One lookup answer. */
  record Match(String uri, String label, String matchedLabel, String lang) {}

  private final String id;
  private final Map<String, Concept> concepts = new HashMap<>();
  private final TreeMap<String, Set<String>> labels = new TreeMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long revision;

  ThesaurusView(String id, long revision) {
    this.id = id;
    this.revision = revision;
  }

  String id() {
    return id;
  }

  long revision() {
    return revision;
  }

  void revision(long revision) {
    this.revision = revision;
  }

  int size() {
    lock.readLock().lock();
    try {
      return concepts.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  void put(Concept concept) {
    lock.writeLock().lock();
    try {
      Concept old = concepts.put(concept.uri(), concept);
      if (old != null) {
        unindex(old);
      }
      for (String label : allLabels(concept)) {
        labels.computeIfAbsent(key(label), k -> new LinkedHashSet<>()).add(concept.uri());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  void remove(String uri) {
    lock.writeLock().lock();
    try {
      Concept old = concepts.remove(uri);
      if (old != null) {
        unindex(old);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Concepts with a label starting with {@code q} (then, to fill {@code size}, containing it),
   * labelled in {@code lang} where they have it. An empty {@code q} lists concepts.
   */
  List<Match> lookup(String q, String lang, int size) {
    String needle = key(q == null ? "" : q.trim());
    lock.readLock().lock();
    try {
      Map<String, String> hits = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> e :
          labels.subMap(needle, true, needle + Character.MAX_VALUE, false).entrySet()) {
        for (String uri : e.getValue()) {
          hits.putIfAbsent(uri, e.getKey());
        }
        if (hits.size() >= size) {
          break;
        }
      }
      if (hits.size() < size && !needle.isEmpty()) {
        for (Map.Entry<String, Set<String>> e : labels.entrySet()) {
          if (e.getKey().contains(needle)) {
            for (String uri : e.getValue()) {
              hits.putIfAbsent(uri, e.getKey());
            }
          }
          if (hits.size() >= size) {
            break;
          }
        }
      }
      List<Match> matches = new ArrayList<>();
      for (Map.Entry<String, String> hit : hits.entrySet()) {
        if (matches.size() == size) {
          break;
        }
        Concept c = concepts.get(hit.getKey());
        String label = c.label(lang);
        String labelLang =
            lang != null && c.prefLabels().containsKey(lang)
                ? lang
                : c.prefLabels().containsKey("en")
                    ? "en"
                    : c.prefLabels().keySet().iterator().next();
        matches.add(new Match(c.uri(), label, hit.getValue(), labelLang));
      }
      return matches;
    } finally {
      lock.readLock().unlock();
    }
  }

  Concept concept(String uri) {
    lock.readLock().lock();
    try {
      return concepts.get(uri);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void unindex(Concept concept) {
    for (String label : allLabels(concept)) {
      Set<String> uris = labels.get(key(label));
      if (uris != null) {
        uris.remove(concept.uri());
        if (uris.isEmpty()) {
          labels.remove(key(label));
        }
      }
    }
  }

  private static List<String> allLabels(Concept c) {
    List<String> all = new ArrayList<>(c.prefLabels().values());
    c.altLabels().values().forEach(all::addAll);
    return all;
  }

  private static String key(String label) {
    return label.toLowerCase(Locale.ROOT);
  }
}
