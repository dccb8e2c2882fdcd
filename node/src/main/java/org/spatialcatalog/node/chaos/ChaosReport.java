package org.spatialcatalog.node.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report of a chaos run: seed, planned schedule and real fault timeline, workload counts, each
 * check with PASS or FAIL and its evidence, where the logs are, and a last line {@code chaos: N
 * checks passed, M failed (seed S)}.
 */
record ChaosReport(
    long seed,
    String setup,
    List<Fault> schedule,
    List<String> timeline,
    Map<String, String> counts,
    List<String> quiescence,
    List<Check> checks,
    Path logs) {

  int failed() {
    return (int) checks.stream().filter(c -> !c.passed()).count();
  }

  String lastLine() {
    return "chaos: "
        + (checks.size() - failed())
        + " checks passed, "
        + failed()
        + " failed (seed "
        + seed
        + ")";
  }

  void print(PrintStream out) {
    out.println("== chaos run, seed " + seed + " (" + setup + ")");
    out.println("-- fault schedule drawn from the seed");
    schedule.forEach(f -> out.println("   " + f));
    out.println("-- fault timeline");
    timeline.forEach(t -> out.println("   " + t));
    out.println("-- workload");
    counts.forEach((kind, n) -> out.printf("   %-12s %s%n", kind, n));
    out.println("-- quiescence");
    quiescence.forEach(q -> out.println("   " + q));
    out.println("-- checks");
    for (Check c : checks) {
      out.println("   " + (c.passed() ? "PASS " : "FAIL ") + c.name());
      c.evidence().forEach(e -> out.println("        " + e));
    }
    if (failed() > 0) {
      out.println("-- node and broker logs: " + logs);
    }
    out.println(lastLine());
    out.flush();
  }
}
