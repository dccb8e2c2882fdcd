package org.spatialcatalog.node.thesaurus;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports, edits and deletes thesauri in the shared database, updates this node's view and
 * announces each change on the thesaurus topics. An import is one transaction: a thesaurus is there
 * with all its concepts or not at all.
 */
@Service
class ThesaurusService {

  private static final Logger log = LoggerFactory.getLogger(ThesaurusService.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final ThesaurusStore store;
  private final ThesaurusCache cache;
  private final TransactionTemplate tx;
  private final ClusterMembership membership;

  ThesaurusService(
      ThesaurusStore store,
      ThesaurusCache cache,
      TransactionTemplate tx,
      ClusterMembership membership) {
    this.store = store;
    this.cache = cache;
    this.tx = tx;
    this.membership = membership;
  }

  /** What an import did. */
  record Imported(String id, String title, int concepts, long millis) {}

  Imported importSkos(String id, Reader rdf, boolean replace) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "thesaurus id '" + id + "' must be 1-128 letters, digits, '.', '_' or '-'");
    }
    long started = System.nanoTime();
    List<Concept> concepts = new ArrayList<>();
    SkosReader.Scheme scheme = SkosReader.read(rdf, concepts::add);
    if (concepts.isEmpty()) {
      throw new IllegalArgumentException("the SKOS document has no skos:Concept with a prefLabel");
    }
    String title = scheme.title() != null ? scheme.title() : id;
    tx.executeWithoutResult(
        status -> {
          if (store.exists(id)) {
            if (!replace) {
              throw new DuplicateThesaurusException(id);
            }
            store.delete(id);
          }
          store.create(id, title, scheme.uri());
          store.insertConcepts(id, concepts);
        });
    cache.install(id, concepts);
    announce(CatalogTopic.ADD_THESAURUS, Map.of("thesaurusId", id));
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("thesaurus {} imported: {} concepts in {} ms", id, concepts.size(), millis);
    return new Imported(id, title, concepts.size(), millis);
  }

  void delete(String id) {
    Boolean deleted = tx.execute(status -> store.delete(id));
    if (!Boolean.TRUE.equals(deleted)) {
      throw new ThesaurusNotFoundException("'" + id + "'");
    }
    cache.drop(id);
    announce(CatalogTopic.DELETE_THESAURUS, Map.of("thesaurusId", id));
  }

  /** Adds or replaces one concept; true if it existed. */
  boolean putConcept(String id, Concept concept) {
    boolean existed = store.putConcept(id, concept);
    cache.reloadConcept(id, concept.uri());
    announce(
        existed ? CatalogTopic.UPDATE_THESAURUS_ELEMENT : CatalogTopic.ADD_THESAURUS_ELEMENT,
        Map.of("thesaurusId", id, "uri", concept.uri()));
    return existed;
  }

  void deleteConcept(String id, String uri) {
    if (!store.deleteConcept(id, uri)) {
      throw new ThesaurusNotFoundException("'" + id + "' concept " + uri);
    }
    cache.reloadConcept(id, uri);
    announce(CatalogTopic.DELETE_THESAURUS_ELEMENT, Map.of("thesaurusId", id, "uri", uri));
  }

  private void announce(CatalogTopic topic, Map<String, ?> properties) {
    if (!membership.clustering()) {
      return;
    }
    try {
      membership.publish(topic, "", properties);
    } catch (MessagingUnavailableException e) {
      log.warn(
          "{} not published ({}); nodes pick the change up by polling",
          topic.baseName(),
          e.getMessage());
    }
  }
}
