package org.spatialcatalog.node.admin;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.spatialcatalog.node.sync.IndexVerifier;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuild, verify, or verify and repair the index of a named node, asked on any node. The request
 * travels the cluster-status exchange: a SYSTEM_CONFIGURATION message with the properties {@code
 * action} and {@code target}; only the target acts. It answers on SYSTEM_CONFIGURATION_RESPONSE
 * twice with the request's correlation id: at once ({@code phase=started}), and with the result
 * ({@code phase=done}). So the asking node tells "nobody took it" (no start within {@link
 * #START_WAIT}: 504) from "still running" (started, no result within {@link #RESULT_WAIT}: 202).
 *
 * <p>Nothing is forwarded over HTTP: a console session lives on one node and carries no password
 * another node could check, while the broker is already the trusted path between nodes. With
 * clustering off, only the answering node can be acted on (409 for the others). A request delivered
 * late (made more than 10 s ago, by its {@code requestedAt} property, see {@link
 * SystemConfigurationListeners}) is ignored, so a node never rebuilds long after nobody waits for
 * it, and a 504 means that nothing was done. Actions run one at a time on this node's {@code
 * node-action} thread.
 */
@Component
class NodeActions {

  private static final Logger log = LoggerFactory.getLogger(NodeActions.class);

  /** How long the asking node waits for the target to say it started. */
  static final Duration START_WAIT = Duration.ofSeconds(10);

  /** How long it waits for the result: below the load balancer's 120 s server timeout. */
  static final Duration RESULT_WAIT = Duration.ofSeconds(90);

  /** What a node can be asked to do to its own index. */
  enum Action {
    REBUILD,
    VERIFY,
    REPAIR;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Action parse(String id) {
      return Action.valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  /** The asking node's view of one request. */
  private record Exchange(
      CompletableFuture<Void> started, CompletableFuture<Map<String, Object>> done) {}

  private final NodeIdentity identity;
  private final ClusterMembership membership;
  private final IndexSynchronizer synchronizer;
  private final IndexVerifier verifier;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Map<String, Exchange> pending = new ConcurrentHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "node-action");
            t.setDaemon(true);
            return t;
          });

  NodeActions(
      NodeIdentity identity,
      ClusterMembership membership,
      IndexSynchronizer synchronizer,
      IndexVerifier verifier,
      JdbcClient jdbc,
      JsonMapper json) {
    this.identity = identity;
    this.membership = membership;
    this.synchronizer = synchronizer;
    this.verifier = verifier;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The outcome as the API answers it: {@code state} is {@code done} or {@code running}. */
  record Outcome(boolean finished, Map<String, Object> body) {}

  /** Runs {@code action} on {@code nodeId} (here, or there through the broker). */
  Outcome run(String nodeId, Action action) throws InterruptedException {
    if (identity.nodeId().equals(nodeId)) {
      return new Outcome(true, answer(nodeId, action, "done", local(action)));
    }
    Instant heartbeat =
        org.spatialcatalog.node.cluster.Heartbeats.last(jdbc, nodeId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "no node " + nodeId + " is known (no heartbeat row)"));
    if (!membership.clustering()) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "clustering is off: "
              + identity.nodeId()
              + " cannot ask "
              + nodeId
              + "; call "
              + nodeId
              + "'s own address, or switch clustering on");
    }
    long age = Duration.between(heartbeat, Instant.now()).toSeconds();
    if (age >= ClusterStatus.HEARTBEAT_ALIVE_SECONDS) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "node " + nodeId + " is not running: its last heartbeat is " + age + " s old");
    }
    String correlationId = UUID.randomUUID().toString();
    Exchange exchange = new Exchange(new CompletableFuture<>(), new CompletableFuture<>());
    pending.put(correlationId, exchange);
    try {
      membership.publish(
          CatalogTopic.SYSTEM_CONFIGURATION,
          "",
          Map.of(
              "correlationId", correlationId,
              "requester", identity.nodeId(),
              "action", action.id(),
              "target", nodeId,
              "actor", CurrentUser.get().username(),
              // Messages wait in the publisher while the broker is away; JMS stamps them when
              // they are finally sent, so the request carries the time it was made.
              "requestedAt", System.currentTimeMillis()));
      try {
        exchange.started().get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new ResponseStatusException(
            HttpStatus.GATEWAY_TIMEOUT,
            "node "
                + nodeId
                + " did not take the "
                + action.id()
                + " request within "
                + START_WAIT.toSeconds()
                + " s (is its broker connection up?); nothing was done");
      }
      try {
        Map<String, Object> done =
            exchange.done().get(RESULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (done.get("error") != null) {
          throw new ResponseStatusException(
              HttpStatus.BAD_GATEWAY,
              "node " + nodeId + " failed to " + action.id() + ": " + done.get("error"));
        }
        return new Outcome(true, answer(nodeId, action, "done", done.get("result")));
      } catch (TimeoutException e) {
        return new Outcome(false, answer(nodeId, action, "running", null));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("node action " + correlationId, e);
    } finally {
      pending.remove(correlationId);
    }
  }

  private static Map<String, Object> answer(
      String nodeId, Action action, String state, Object result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nodeId", nodeId);
    body.put("action", action.id());
    body.put("state", state);
    if (result != null) {
      body.put("result", result);
    } else if ("running".equals(state)) {
      body.put(
          "detail",
          "node "
              + nodeId
              + " started and is still at it after "
              + RESULT_WAIT.toSeconds()
              + " s; the cluster page shows its index as it goes");
    }
    return body;
  }

  /** The action on this node's own index, answered as the local index API answers it. */
  Map<String, Object> local(Action action) {
    if (action == Action.REBUILD) {
      return synchronizer.rebuild().answer();
    }
    IndexVerifier.Report report = verifier.verify(action == Action.REPAIR);
    return json.convertValue(report, new TypeReference<Map<String, Object>>() {});
  }

  /** The target's half: says it started, acts on the {@code node-action} thread, answers. */
  void perform(String correlationId, String actionId, String actor) {
    Action action;
    try {
      action = Action.parse(actionId);
    } catch (IllegalArgumentException unknown) {
      log.warn("ignoring unknown node action '{}' ({})", actionId, correlationId);
      return;
    }
    log.info("{} of this node's index asked by {} ({})", action.id(), actor, correlationId);
    reply(correlationId, "started", Map.of("nodeId", identity.nodeId()));
    worker.execute(
        () -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("nodeId", identity.nodeId());
          try {
            body.put("result", local(action));
          } catch (RuntimeException e) {
            log.warn("{} asked by {} failed", action.id(), actor, e);
            body.put("error", String.valueOf(e.getMessage()));
          }
          reply(correlationId, "done", body);
        });
  }

  private void reply(String correlationId, String phase, Map<String, Object> body) {
    try {
      membership.publish(
          CatalogTopic.SYSTEM_CONFIGURATION_RESPONSE,
          json.writeValueAsString(body),
          Map.of("correlationId", correlationId, "phase", phase));
    } catch (RuntimeException e) {
      log.warn(
          "node action {}: the {} answer was not sent: {}", correlationId, phase, e.toString());
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  /** The asking node's half: an answer arrived. */
  void answered(String correlationId, String phase, Map<String, Object> body) {
    Exchange exchange = pending.get(correlationId);
    if (exchange == null) {
      return;
    }
    exchange.started().complete(null);
    if ("done".equals(phase)) {
      exchange.done().complete(body);
    }
  }
}
