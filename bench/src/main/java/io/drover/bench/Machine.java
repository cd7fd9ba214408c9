package io.drover.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, recorded with every scenario so that numbers are never read
 * without it. The load average shows whether something else was running at the same time; the
 * JVM's age and compile time show how warm it was: a scenario run alone starts in a cold JVM, one
 * in {@code bench all} after the scenarios before it, and the same work can take twice as long
 * cold (docs/performance.md, recovery-scale).
 *
 * @param cores processors available to this JVM
 * @param heapMaxMb the JVM's maximum heap in MiB
 * @param javaVersion the runtime version
 * @param vm the JVM's name
 * @param os operating system name, version and architecture
 * @param cpu the processor model, or "unknown" where /proc/cpuinfo is not readable
 * @param loadAverage the one-minute system load average when the scenario started, -1 if unknown
 * @param jvmUptimeS seconds since this JVM started, when the scenario started
 * @param jitS seconds the JIT compilers had spent so far (their threads' time, summed), -1 if the
 *     JVM does not say
 */
record Machine(
    int cores,
    long heapMaxMb,
    String javaVersion,
    String vm,
    String os,
    String cpu,
    double loadAverage,
    double jvmUptimeS,
    double jitS) {

  /** This machine, now. */
  public static Machine current() {
    Runtime rt = Runtime.getRuntime();
    return new Machine(
        rt.availableProcessors(),
        rt.maxMemory() / (1024 * 1024),
        Runtime.version().toString(),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        cpuModel(),
        Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
            / 100.0,
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0,
        compileSeconds());
  }

  /** The fields of the JSON report, in order. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", cores);
    m.put("heap_max_mb", heapMaxMb);
    m.put("java_version", javaVersion);
    m.put("vm", vm);
    m.put("os", os);
    m.put("cpu", cpu);
    m.put("load_average_1m", loadAverage);
    m.put("jvm_uptime_s", jvmUptimeS);
    m.put("jit_s", jitS);
    return m;
  }

  /** One line for the table's heading. */
  public String summary() {
    return cores
        + " cores ("
        + cpu
        + "), heap max "
        + heapMaxMb
        + " MiB, Java "
        + javaVersion
        + ", load average "
        + loadAverage;
  }

  private static double compileSeconds() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime() / 1000.0
        : -1;
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
