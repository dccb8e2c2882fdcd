package org.spatialcatalog.node.harvest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small scriptable HTTP server for reproducing what real sources send, byte for byte: each route
 * (path plus a test on the query) answers a scripted sequence of {@link Reply replies} (the last
 * one repeats), or computes its reply from the request. A reply may trickle its body slowly, carry
 * any header (Retry-After) and any status, or stream a body generated while it is sent. Every
 * request is recorded.
 *
 * <p>Routes are tried in the order they were added; an unmatched request gets 404. Thread-safe.
 */
public final class StubServer implements AutoCloseable {

  /** A request as received: path and decoded query parameters. */
  public record Request(Instant at, String path, Map<String, String> query) {
    public String param(String name) {
      return query.get(name);
    }
  }

  /** One scripted answer. */
  public record Reply(
      int status,
      Map<String, String> headers,
      byte[] body,
      int chunkBytes,
      Duration chunkDelay,
      java.util.function.Supplier<InputStream> stream) {

    public static Reply xml(String text) {
      return bytes(200, "text/xml; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply json(String text) {
      return bytes(200, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", contentType);
      return new Reply(status, headers, body, 0, Duration.ZERO, null);
    }

    /**
     * A 200 whose body is read from a new stream of {@code body} for each request and sent chunked
     * as it is read, never held: for answers larger than a test should hold, or (a stream that
     * blocks) an answer that stops mid-way.
     */
    public static Reply streamed(
        String contentType, java.util.function.Supplier<InputStream> body) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", contentType);
      return new Reply(200, headers, new byte[0], 0, Duration.ZERO, body);
    }

    public static Reply status(int status, String text) {
      return bytes(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with one more header. */
    public Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body, chunkBytes, chunkDelay, stream);
    }

    /** A copy that sends its body {@code bytes} at a time, waiting {@code delay} before each. */
    public Reply trickle(int bytes, Duration delay) {
      return new Reply(status, headers, body, bytes, delay, stream);
    }
  }

  private record Route(
      String path, Predicate<Map<String, String>> query, Function<Request, Reply> answer) {}

  /** A fixed sequence of replies; the last one repeats. */
  private static final class Script implements Function<Request, Reply> {
    private final List<Reply> replies;
    private int next;

    Script(List<Reply> replies) {
      this.replies = List.copyOf(replies);
    }

    @Override
    public synchronized Reply apply(Request r) {
      Reply reply = replies.get(Math.min(next, replies.size() - 1));
      next++;
      return reply;
    }
  }

  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stub-server");
            t.setDaemon(true);
            return t;
          });

  public StubServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers requests for {@code path} with these replies, in order; the last repeats. */
  public StubServer on(String path, Reply... script) {
    return on(path, q -> true, script);
  }

  /** Answers requests for {@code path} whose query passes {@code query} with these replies. */
  public StubServer on(String path, Predicate<Map<String, String>> query, Reply... script) {
    routes.add(new Route(path, query, new Script(List.of(script))));
    return this;
  }

  /** Answers requests for {@code path} with whatever {@code answer} computes. */
  public StubServer on(String path, Function<Request, Reply> answer) {
    routes.add(new Route(path, q -> true, answer));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The text of a test resource, exactly as stored. */
  public static String resource(String name) {
    return new String(resourceBytes(name), StandardCharsets.UTF_8);
  }

  public static byte[] resourceBytes(String name) {
    try (InputStream in = StubServer.class.getResourceAsStream("/harvest/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource harvest/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request =
          new Request(
              Instant.now(),
              exchange.getRequestURI().getPath(),
              query(exchange.getRequestURI().getRawQuery()));
      requests.add(request);
      Reply reply = null;
      for (Route route : routes) {
        if (route.path().equals(request.path()) && route.query().test(request.query())) {
          reply = route.answer().apply(request);
          break;
        }
      }
      if (reply == null) {
        reply = Reply.status(404, "no route for " + request.path());
      }
      send(exchange, reply);
    } catch (IOException | InterruptedException clientGone) {
      // The harvester gave up on this request: nothing more to send.
    }
  }

  private static void send(HttpExchange exchange, Reply reply)
      throws IOException, InterruptedException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (reply.stream() != null) {
      exchange.sendResponseHeaders(reply.status(), 0);
      try (InputStream in = reply.stream().get();
          OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
      return;
    }
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length == 0) {
      return;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      if (reply.chunkBytes() <= 0) {
        out.write(body);
        return;
      }
      for (int from = 0; from < body.length; from += reply.chunkBytes()) {
        Thread.sleep(reply.chunkDelay().toMillis());
        out.write(body, from, Math.min(reply.chunkBytes(), body.length - from));
        out.flush();
      }
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  /** Requests whose path is {@code path}, as a list of their queries. */
  public List<Map<String, String>> queries(String path) {
    List<Map<String, String>> out = new ArrayList<>();
    requests(path).forEach(r -> out.add(r.query()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
