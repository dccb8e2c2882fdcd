package org.spatialcatalog.node.thesaurus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's in-memory view of every thesaurus. Kept in sync by the thesaurus topics (a whole
 * thesaurus added or deleted, one concept added, updated or deleted) and, as a fallback when
 * messages were missed, by comparing each thesaurus revision with the database every few seconds.
 */
@Component
class ThesaurusCache {

  private static final Logger log = LoggerFactory.getLogger(ThesaurusCache.class);

  private final ThesaurusStore store;
  private final Map<String, ThesaurusView> views = new ConcurrentHashMap<>();

  ThesaurusCache(ThesaurusStore store) {
    this.store = store;
  }

  ThesaurusView view(String id) {
    ThesaurusView view = views.get(id);
    if (view == null) {
      throw new ThesaurusNotFoundException("'" + id + "'");
    }
    return view;
  }

  /** Loads (or reloads) a whole thesaurus from the database. */
  synchronized void reload(String id) {
    Long revision = store.revisions().get(id);
    if (revision == null) {
      views.remove(id);
      return;
    }
    ThesaurusView view = new ThesaurusView(id, revision);
    store.forEachConcept(id, view::put);
    views.put(id, view);
    log.info("thesaurus {} loaded: {} concepts (revision {})", id, view.size(), revision);
  }

  /** Installs a thesaurus just imported by this node, without reading it back. */
  synchronized void install(String id, java.util.List<Concept> concepts) {
    Long revision = store.revisions().get(id);
    if (revision == null) {
      return;
    }
    ThesaurusView view = new ThesaurusView(id, revision);
    concepts.forEach(view::put);
    views.put(id, view);
  }

  synchronized void drop(String id) {
    views.remove(id);
  }

  /** Applies one concept change from the database. */
  synchronized void reloadConcept(String id, String uri) {
    ThesaurusView view = views.get(id);
    if (view == null) {
      reload(id);
      return;
    }
    long before = view.revision();
    store.concept(id, uri).ifPresentOrElse(view::put, () -> view.remove(uri));
    Long revision = store.revisions().get(id);
    if (revision != null && revision == before + 1) {
      view.revision(revision);
    } else if (revision != null && revision > before + 1) {
      // Other changes happened meanwhile; this one message cannot tell which.
      reload(id);
    }
  }

  List<ThesaurusView.Match> lookup(String id, String q, String lang, int size) {
    return view(id).lookup(q, lang, size);
  }

  /** Reloads what changed in the database since this view was built. */
  @Scheduled(initialDelay = 0, fixedDelayString = "${catalog.thesaurus-poll-interval:5000}")
  void sync() {
    try {
      Map<String, Long> revisions = store.revisions();
      for (Map.Entry<String, Long> e : revisions.entrySet()) {
        ThesaurusView view = views.get(e.getKey());
        if (view == null || view.revision() < e.getValue()) {
          reload(e.getKey());
        }
      }
      views.keySet().removeIf(id -> !revisions.containsKey(id));
    } catch (RuntimeException e) {
      log.warn("thesauri not synchronized: {}", e.toString());
    }
  }
}
