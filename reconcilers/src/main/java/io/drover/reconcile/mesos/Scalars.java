package io.drover.reconcile.mesos;

/**
 * Mesos scalar arithmetic: the master works in fixed point with three decimals, so every amount we
 * compute is rounded the same way before it is compared or sent.
 */
public final class Scalars {
  private static final double EPSILON = 0.0005;

  private Scalars() {}

  public static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** {@code a >= b} in Mesos fixed point. */
  public static boolean covers(double a, double b) {
    return a + EPSILON >= b;
  }

  /** Whether the amount is zero in Mesos fixed point. */
  public static boolean isZero(double v) {
    return Math.abs(v) < EPSILON;
  }
}
