package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcFsTest {

  // pid, name (with a space and a parenthesis of its own), state, then fields 4 to 22;
  // utime (field 14) 250 ticks, stime (field 15) 130 ticks
  private static final String STAT =
      "4242 (odd) name) S 1 4242 4242 0 -1 4194560 5000 0 3 0 250 130 0 0 20 0 42 0 1000\n";

  @Test
  void cpuMs_utimePlusStime_ticksOfTenMilliseconds() {
    // (250 + 130) ticks at 100 a second = 3,800 ms
    assertThat(ProcFs.cpuMs(STAT)).isEqualTo(3_800);
  }

  @Test
  void name_betweenFirstOpeningAndLastClosingParenthesis() {
    assertThat(ProcFs.name(STAT)).isEqualTo("odd) name");
  }

  @Test
  void kib_valueOfTheKey_zeroWhenAbsent() {
    String status = "Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t  409600 kB\nThreads:\t42\n";

    assertThat(ProcFs.kib(status, "VmRSS")).isEqualTo(409_600);
    assertThat(ProcFs.kib(status, "VmHWM")).isEqualTo(524_288);
    assertThat(ProcFs.kib(status, "VmSwap")).isZero();
  }

  @Test
  void cpuMsPer1000Since_cpuTimeBetweenReadings_perThousandMessages() {
    ProcFs.Usage before = new ProcFs.Usage(500, 0, 0);
    ProcFs.Usage after = new ProcFs.Usage(1_500, 0, 0);

    // 1,000 ms for 4,000 messages: 250 ms per 1,000
    assertThat(after.cpuMsPer1000Since(before, 4_000)).isEqualTo(250.0);
    // no message: as if one
    assertThat(after.cpuMsPer1000Since(before, 0)).isEqualTo(1_000_000.0);
  }

  @Test
  void busiest_cpuUsedBetweenReadings_shareOfOneCore() {
    Map<Long, ProcFs.ThreadCpu> before =
        Map.of(
            1L, new ProcFs.ThreadCpu("MQTT Call: gemb", 100),
            2L, new ProcFs.ThreadCpu("idle", 50),
            3L, new ProcFs.ThreadCpu("GC Thread#0", 10),
            4L, new ProcFs.ThreadCpu("GC Thread#1", 10));
    Map<Long, ProcFs.ThreadCpu> after =
        Map.of(
            1L, new ProcFs.ThreadCpu("MQTT Call: gemb", 600),
            2L, new ProcFs.ThreadCpu("idle", 50),
            3L, new ProcFs.ThreadCpu("GC Thread#0", 110),
            4L, new ProcFs.ThreadCpu("GC Thread#1", 160),
            5L, new ProcFs.ThreadCpu("new", 200));

    // over 1,000 ms: 500 ms (50%); the GC threads 100 + 150 ms together (25%); 200 ms for the
    // thread that started in between (20%); none for the idle one; 950 ms in all
    assertThat(ProcFs.busiest(before, after, 1_000, 5))
        .isEqualTo("`MQTT Call: gemb` 50%, `GC Thread#` ×2 25%, `new` 20%, all 95%");
    assertThat(ProcFs.busiest(before, after, 1_000, 1))
        .isEqualTo("`MQTT Call: gemb` 50%, others 45%, all 95%");
  }

  @Test
  void machine_allButIdleAndIowaitIsBusy() {
    // user 100, nice 0, system 50, idle 800, iowait 20, irq 5, softirq 15, steal 10, guest 30
    ProcFs.MachineCpu cpu = ProcFs.machine("cpu  100 0 50 800 20 5 15 10 30 0");

    // total = 100 + 0 + 50 + 800 + 20 + 5 + 15 + 10 = 1,000; busy = 1,000 - 800 - 20 = 180
    assertThat(cpu.totalTicks()).isEqualTo(1_000);
    assertThat(cpu.busyTicks()).isEqualTo(180);
  }

  @Test
  void busyPercentSince_busyOverAllTicksBetweenReadings() {
    ProcFs.MachineCpu before = new ProcFs.MachineCpu(180, 1_000);
    ProcFs.MachineCpu after = new ProcFs.MachineCpu(330, 1_200);

    // 150 busy of 200 ticks
    assertThat(after.busyPercentSince(before)).isEqualTo(75.0);
  }
}
