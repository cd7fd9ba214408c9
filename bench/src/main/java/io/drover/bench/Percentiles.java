package io.drover.bench;

import java.util.Arrays;

/**
 * Exact percentiles of a set of latency samples, by the nearest-rank method: the p-th percentile is
 * the smallest sample that at least p % of the samples do not exceed. With the few thousand samples
 * a benchmark takes, sorting them all is cheap and leaves no bucketing error.
 *
 * @param count the number of samples
 * @param p50Nanos the median
 * @param p99Nanos the 99th percentile
 * @param maxNanos the largest sample
 * @param meanNanos the arithmetic mean
 */
record Percentiles(int count, long p50Nanos, long p99Nanos, long maxNanos, long meanNanos) {

  /** The percentiles of {@code nanos}, which must hold at least one sample; it is not modified. */
  public static Percentiles of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples: percentiles need at least one");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 99),
        sorted[sorted.length - 1],
        sum / sorted.length);
  }

  /** The nearest-rank {@code percent}-th percentile of {@code sorted} (ascending, not empty). */
  static long rank(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }
}
