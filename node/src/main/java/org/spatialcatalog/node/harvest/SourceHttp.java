package org.spatialcatalog.node.harvest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP GET for one job's reader, with bounded retries and exponential back-off on source errors
 * (5xx, 429, connection errors, timeouts). Every request is sent asynchronously and registered
 * with the job, so aborting the job cancels it at once; waits between retries end at once too.
 * A 4xx answer is not retried: it means the definition is wrong.
 */
public final class SourceHttp {

  private static final Logger log = LoggerFactory.getLogger(SourceHttp.class);

  private final HttpClient client;
  private final RunningJob job;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final Duration maxBackoff;

  SourceHttp(HttpClient client, RunningJob job, HarvestProperties properties) {
    this.client = client;
    this.job = job;
    this.timeout = properties.httpTimeout();
    this.retries = properties.retries();
    this.backoff = properties.retryBackoff();
    this.maxBackoff = properties.maxRetryBackoff();
  }

  /** GETs {@code uri} and returns the body as text. */
  public String get(URI uri, String accept) throws SourceException, InterruptedException {
    Duration wait = backoff;
    String lastProblem = null;
    for (int attempt = 1; attempt <= retries + 1; attempt++) {
      job.checkNotAborted();
      try {
        HttpResponse<String> response = send(uri, accept);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response.body();
        }
        lastProblem = "HTTP " + status;
        if (status < 500 && status != 429 && status != 408) {
          throw new SourceException("GET " + uri + " answered HTTP " + status + ": "
              + excerpt(response.body()));
        }
      } catch (HttpTimeoutException e) {
        lastProblem = "timed out after " + timeout;
      } catch (IOException e) {
        lastProblem = e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt <= retries) {
        log.info("job {}: GET {} failed ({}); retry {} of {} in {}", job.jobId(), uri,
            lastProblem, attempt, retries, wait);
        Thread.sleep(wait.toMillis());
        wait = wait.multipliedBy(2);
        if (wait.compareTo(maxBackoff) > 0) {
          wait = maxBackoff;
        }
      }
    }
    throw new SourceException(
        "GET " + uri + " failed after " + (retries + 1) + " attempts: " + lastProblem);
  }

  private HttpResponse<String> send(URI uri, String accept)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", accept).header("User-Agent", "spatialcatalog-harvester").GET().build();
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    job.track(future);
    try {
      return future.get();
    } catch (CancellationException e) {
      job.checkNotAborted();
      throw new IOException("request cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } finally {
      job.untrack(future);
    }
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
