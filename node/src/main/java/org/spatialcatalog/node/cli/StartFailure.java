package org.spatialcatalog.node.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;

/**
 * Reports why a node did not start. A configuration problem (a missing or invalid setting, a port
 * in use, an admin password that differs from the cluster's) is one line naming the setting, and
 * exit code 2; anything else is the line plus the stack trace, and exit code 1. Spring Boot's own
 * failure report is switched off so the same problem is not printed a second time, at length.
 */
final class StartFailure {

  /** Arguments that silence Spring Boot's failure report; this class reports instead. */
  static final List<String> QUIET_FAILURE_LOGGING =
      List.of(
          "--logging.level.org.springframework.boot.SpringApplication=OFF",
          "--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=OFF",
          "--logging.level.org.springframework.boot.autoconfigure.logging"
              + ".ConditionEvaluationReportLogger=OFF");

  static final int CONFIGURATION = 2;
  static final int FAILED = 1;

  private StartFailure() {}

  static int report(Throwable failure, PrintStream err) {
    Throwable problem = configurationProblem(failure);
    if (problem != null) {
      err.println("node not started: " + message(problem));
      return CONFIGURATION;
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    err.println("node failed to start: " + message(root));
    failure.printStackTrace(err);
    return FAILED;
  }

  /** The innermost cause that is a configuration problem, or null. */
  private static Throwable configurationProblem(Throwable failure) {
    Throwable found = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PortInUseException) {
        return t;
      }
      if (t instanceof BindException
          || t instanceof IllegalArgumentException
          || (t instanceof IllegalStateException && isOurs(t))) {
        found = t;
      }
    }
    return found;
  }

  private static boolean isOurs(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("org.spatialcatalog.");
  }

  private static String message(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
