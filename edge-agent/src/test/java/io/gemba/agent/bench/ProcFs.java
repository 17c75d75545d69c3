package io.gemba.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time and memory of a process from Linux's {@code /proc}: {@code /proc/PID/stat} (utime and
 * stime, in clock ticks), {@code /proc/PID/status} ({@code VmRSS}, and {@code VmHWM}, the peak
 * resident set), and the same per thread from {@code /proc/PID/task/TID/stat}, whose name field is
 * the thread's name (the JVM sets it from the Java thread name, cut to 15 characters).
 */
final class ProcFs {

  /** Clock ticks per second ({@code getconf CLK_TCK}): USER_HZ, 100 on x86 and ARM Linux. */
  static final long TICKS_PER_SECOND = 100;

  private ProcFs() {}

  /** A process's CPU time so far and its memory now. */
  record Usage(long cpuMs, long rssKib, long peakRssKib) {}

  /** The whole machine's CPU time so far, in ticks: busy and in all (over all processors). */
  record MachineCpu(long busyTicks, long totalTicks) {

    /** The share of all processors that was busy since {@code before}, in percent. */
    double busyPercentSince(MachineCpu before) {
      long total = totalTicks - before.totalTicks;
      return total <= 0 ? 0 : 100.0 * (busyTicks - before.busyTicks) / total;
    }
  }

  /** One thread's name and CPU time so far. */
  record ThreadCpu(String name, long cpuMs) {}

  static Usage usage(long pid) throws IOException {
    Path dir = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
    String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
    return new Usage(cpuMs(stat), kib(status, "VmRSS"), kib(status, "VmHWM"));
  }

  static MachineCpu machine() throws IOException {
    return machine(Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0));
  }

  /**
   * The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal
   * ...}. Busy is all of the first eight but idle and iowait; guest time is already in user.
   */
  static MachineCpu machine(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    long total = 0;
    for (int i = 1; i <= 8 && i < fields.length; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    return new MachineCpu(total - idle, total);
  }

  /** The threads of {@code pid} by thread id; threads that end while being read are left out. */
  static Map<Long, ThreadCpu> threads(long pid) throws IOException {
    Map<Long, ThreadCpu> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new ThreadCpu(name(stat), cpuMs(stat)));
        } catch (IOException gone) {
          // the thread ended between the listing and the read
        }
      }
    }
    return threads;
  }

  /**
   * utime + stime of a {@code stat} line, in milliseconds. The name field (2) is in parentheses and
   * may itself hold spaces and parentheses, so fields are counted from the last ')': field 3
   * (state) is the first after it, utime is field 14 and stime field 15.
   */
  static long cpuMs(String statLine) {
    String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /** The name field of a {@code stat} line: what is between the first '(' and the last ')'. */
  static String name(String statLine) {
    return statLine.substring(statLine.indexOf('(') + 1, statLine.lastIndexOf(')'));
  }

  /**
   * The value in KiB of {@code key} in a {@code status} file ({@code VmRSS: 123456 kB}); 0 if
   * absent.
   */
  static long kib(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key + ":")) {
        String value = line.substring(key.length() + 1).trim();
        return Long.parseLong(value.substring(0, value.indexOf(' ')));
      }
    }
    return 0;
  }

  /**
   * The {@code top} threads that used the most CPU between two readings, as {@code name 85%}: the
   * share of one core over {@code wallMs}. Threads that started in between count from 0.
   */
  static String busiest(
      Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, long wallMs, int top) {
    return after.entrySet().stream()
        .map(
            e -> {
              ThreadCpu then = before.get(e.getKey());
              long used = e.getValue().cpuMs() - (then == null ? 0 : then.cpuMs());
              return new ThreadCpu(e.getValue().name(), used);
            })
        .filter(t -> t.cpuMs() > 0)
        .sorted(Comparator.comparingLong(ThreadCpu::cpuMs).reversed())
        .limit(top)
        .map(
            t ->
                "`%s` %d%%"
                    .formatted(t.name(), Math.round(100.0 * t.cpuMs() / Math.max(1, wallMs))))
        .collect(Collectors.joining(", "));
  }
}
