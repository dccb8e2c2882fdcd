package org.spatialcatalog.node.harvest.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * A job this node is running: its fencing token, its worker thread and its in-flight HTTP requests.
 * {@link #abort} is called from outside the worker (lease keeper, shutdown): it cancels every
 * in-flight request and interrupts the worker, so blocking I/O cannot keep a stopped job alive.
 * Thread-safe.
 */
public final class RunningJob {

  /** Why a job was stopped from outside its worker. */
  public enum Abort {
    /** An operator cancelled it; the lease keeper wrote CANCELLED. */
    CANCELLED,
    /** It ran past its deadline; the lease keeper wrote TIMED_OUT. */
    TIMED_OUT,
    /** Another node or a sweep took the job over: this node may no longer write for it. */
    LEASE_LOST,
    /** This node is stopping and hands the job back to the queue. */
    HANDBACK
  }

  private final String jobId;
  private final String harvesterId;
  private final long fencingToken;
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile Thread worker;
  private volatile Abort abort;

  public RunningJob(String jobId, String harvesterId, long fencingToken) {
    this.jobId = jobId;
    this.harvesterId = harvesterId;
    this.fencingToken = fencingToken;
  }

  public String jobId() {
    return jobId;
  }

  public String harvesterId() {
    return harvesterId;
  }

  public long fencingToken() {
    return fencingToken;
  }

  public void attach(Thread thread) {
    this.worker = thread;
    if (abort != null) {
      thread.interrupt();
    }
  }

  Thread worker() {
    return worker;
  }

  /** Stops the job: first reason wins; cancels in-flight requests and interrupts the worker. */
  public void abort(Abort reason) {
    synchronized (this) {
      if (abort != null) {
        return;
      }
      abort = reason;
    }
    for (Future<?> f : inFlight) {
      f.cancel(true);
    }
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  public Abort aborted() {
    return abort;
  }

  /** Throws {@link JobAbortedException} once the job has been aborted. */
  public void checkNotAborted() {
    Abort a = abort;
    if (a != null) {
      throw new JobAbortedException(a);
    }
  }

  /** Registers an in-flight request; it is cancelled at once if the job is already aborted. */
  public void track(Future<?> request) {
    inFlight.add(request);
    if (abort != null) {
      request.cancel(true);
    }
  }

  public void untrack(Future<?> request) {
    inFlight.remove(request);
  }
}
