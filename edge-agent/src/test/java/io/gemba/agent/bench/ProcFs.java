package io.gemba.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  record Usage(long cpuMs, long rssKib, long peakRssKib) {

    /** The CPU time since {@code before} per 1,000 of {@code messages} (taken as 1 if 0). */
    double cpuMsPer1000Since(Usage before, long messages) {
      return (cpuMs - before.cpuMs) * 1000 / (double) Math.max(1, messages);
    }
  }

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
   * Where a process's CPU time went between two readings, by thread, as a share of one core over
   * {@code wallMs}: the {@code top} busiest, then the others together, then all. Threads whose
   * names differ only in a number at the end ({@code GC Thread#0}, {@code GC Thread#1}), or that
   * Linux cut to the same 15 characters, count together, with how many they are: {@code `GC
   * Thread#` ×2 12%}. Threads that started in between count from 0; threads that ended are left
   * out.
   */
  static String busiest(
      Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, long wallMs, int top) {
    Map<String, long[]> groups = new HashMap<>(); // name -> {cpu ms, threads}
    long all = 0;
    for (Map.Entry<Long, ThreadCpu> e : after.entrySet()) {
      ThreadCpu then = before.get(e.getKey());
      long used = e.getValue().cpuMs() - (then == null ? 0 : then.cpuMs());
      if (used <= 0) {
        continue;
      }
      long[] group =
          groups.computeIfAbsent(e.getValue().name().replaceAll("\\d+$", ""), k -> new long[2]);
      group[0] += used;
      group[1]++;
      all += used;
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<String, long[]> g) -> g.getValue()[0])
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<String> parts = new ArrayList<>();
    long shown = 0;
    for (Map.Entry<String, long[]> group : sorted.subList(0, Math.min(top, sorted.size()))) {
      long[] g = group.getValue();
      shown += g[0];
      parts.add(
          "`%s`%s %s"
              .formatted(group.getKey(), g[1] > 1 ? " ×" + g[1] : "", percent(g[0], wallMs)));
    }
    if (all > shown) {
      parts.add("others " + percent(all - shown, wallMs));
    }
    parts.add("all " + percent(all, wallMs));
    return String.join(", ", parts);
  }

  private static String percent(long cpuMs, long wallMs) {
    return Math.round(100.0 * cpuMs / Math.max(1, wallMs)) + "%";
  }
}
