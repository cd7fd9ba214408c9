package io.drover.bench;

/**
 * A target from the benchmark issue held against what a run measured.
 *
 * @param target what is promised, e.g. "no-op sync of 10,000 documents <= 5 s with 0 writes"
 * @param measured what this run measured, in the same terms
 * @param met whether the measurement meets the target
 */
record TargetCheck(String target, String measured, boolean met) {}
