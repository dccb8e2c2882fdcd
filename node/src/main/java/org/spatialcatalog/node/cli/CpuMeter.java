package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The CPU time a benchmark phase cost per record, split by who spent it: the nodes, the benchmark
 * JVM, the rest of the machine. On a saturated machine the total is about its cores divided by the
 * rate; the split says which processes a change of the rate came from.
 *
 * <p>Three readings: the whole machine's busy time ({@code /proc/stat}: user, nice, system, irq,
 * softirq and steal, in USER_HZ ticks, 1/100 s on Linux; absent where there is no {@code
 * /proc/stat}), this JVM's own ({@code getProcessCpuTime}: the database server, the broker and the
 * benchmark's clients) and that of this JVM's descendant processes (the nodes, and PostgreSQL's
 * server processes while they are still descendants). What the machine spent beyond the two is
 * "other": the rest of the machine, including a PostgreSQL that detached itself.
 */
final class CpuMeter {

  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * Nanoseconds of CPU; {@code machine} is -1 when it cannot be read; {@code threads} by what the
   * threads do ({@link ThreadCpu}).
   */
  record Reading(long machine, long self, long descendants, ThreadCpu.Reading threads) {}

  private CpuMeter() {}

  static Reading read() {
    return new Reading(machineBusy(), selfCpu(), descendantsCpu(), ThreadCpu.read());
  }

  /**
   * "machine 9.1 ms (nodes 6.2, this JVM 2.5, other 0.4)": milliseconds of CPU per write between
   * the two readings, or an empty string when nothing was written.
   */
  static String perWrite(Reading before, Reading after, int writes) {
    return perUnit(before, after, writes, "ms");
  }

  /**
   * As {@link #perWrite}, per thousand records, so in microseconds per record: "machine 264.0 µs
   * (...)".
   */
  static String perRecordMicros(Reading before, Reading after, long records) {
    return perUnit(before, after, records / 1000.0, "µs");
  }

  private static String perUnit(Reading before, Reading after, double writes, String unit) {
    if (writes <= 0) {
      return "";
    }
    double self = (after.self() - before.self()) / 1e6 / writes;
    double descendants = (after.descendants() - before.descendants()) / 1e6 / writes;
    if (before.machine() < 0 || after.machine() < 0) {
      return String.format(
          Locale.ROOT,
          "nodes %.1f %s, this JVM %.1f %s (machine not readable)",
          descendants,
          unit,
          self,
          unit);
    }
    double machine = (after.machine() - before.machine()) / 1e6 / writes;
    return String.format(
        Locale.ROOT,
        "machine %.1f %s (nodes %.1f, this JVM %.1f, other %.1f)",
        machine,
        unit,
        descendants,
        self,
        Math.max(0, machine - descendants - self));
  }

  /** The CPU per write by what the threads do ({@link ThreadCpu#perWrite}); may be empty. */
  static String byThread(Reading before, Reading after, double writes) {
    return ThreadCpu.perWrite(before.threads(), after.threads(), writes);
  }

  private static long selfCpu() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  private static long descendantsCpu() {
    return ProcessHandle.current()
        .descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static long machineBusy() {
    try (var lines = Files.lines(PROC_STAT)) {
      String first = lines.findFirst().orElse("");
      String[] f = first.trim().split("\\s+");
      if (f.length < 9 || !"cpu".equals(f[0])) {
        return -1;
      }
      // user nice system idle iowait irq softirq steal: everything but idle and iowait.
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
