package org.nnj.testkit;

import java.util.List;
import java.util.Locale;

/**
 * What a {@link GradientChecker} run compared and found. A run that fails throws an
 * {@link AssertionError} whose message is {@link #toString()}; a run that passes returns the report, so a
 * test can look at how close it was.
 *
 * @param subject  what was checked, for example {@code "dense[3] -> [4]"}
 * @param options  the settings of the run (tolerances, epsilon)
 * @param compared how many elements were compared, over all tensors
 * @param failed   how many of them were outside the tolerance
 * @param tensors  the same two counts per tensor, in the order they were checked
 * @param worst    up to {@value #WORST_LISTED} elements with the largest error relative to what they were
 *                 allowed, worst first (failing ones first, since their ratio is above 1)
 */
public record GradientCheckReport(String subject, GradientCheckOptions options, int compared, int failed,
                                  List<TensorSummary> tensors, List<ElementComparison> worst) {

    /** How many of the worst elements a report keeps. */
    public static final int WORST_LISTED = 10;

    public GradientCheckReport {
        tensors = List.copyOf(tensors);
        worst = List.copyOf(worst);
    }

    /** True when every compared element was within the tolerance. */
    public boolean passed() {
        return failed == 0;
    }

    /** The largest {@code error / allowed} over all compared elements; at most 1 when the check passed. */
    public double worstRatio() {
        return worst.isEmpty() ? 0 : worst.get(0).ratio();
    }

    /**
     * For example:
     * <pre>
     * gradient check of dense[3] -> [4] FAILED: 12 of 31 elements differ (epsilon 0.01, |analytic - numeric| &lt;= ...)
     *   input: 0 of 15 failed, weight: 12 of 12 failed, bias: 0 of 4 failed
     *   worst elements:
     *     weight[1, 2]: analytic 0.4213, numeric 0.8426, error 0.421 (allowed 0.00942)  &lt;-- FAILS
     *   ...
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("gradient check of ").append(subject);
        if (passed()) {
            sb.append(" passed: ").append(compared).append(" elements compared");
        } else {
            sb.append(" FAILED: ").append(failed).append(" of ").append(compared).append(" elements differ");
        }
        sb.append(" (").append(options).append(")\n  ");
        for (int i = 0; i < tensors.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(tensors.get(i));
        }
        if (!worst.isEmpty()) {
            sb.append(passed() ? "\n  closest to failing:" : "\n  worst elements:");
            for (ElementComparison e : worst) {
                sb.append("\n    ").append(e);
            }
        }
        return sb.toString();
    }

    /** How many elements of one tensor were compared, and how many of them failed. */
    public record TensorSummary(String tensor, int compared, int failed) {
        /** For example {@code weight: 3 of 12 failed}. */
        @Override
        public String toString() {
            return tensor + ": " + failed + " of " + compared + " failed";
        }
    }

    /**
     * One compared element.
     *
     * @param tensor   {@code "input"}, {@code "predictions"}, or the name of a parameter
     * @param index    its multi-dimensional index, for example {@code "[1, 2]"}
     * @param analytic the gradient computed by the code under test
     * @param numeric  the central-difference estimate
     * @param allowed  the error it was allowed, {@code atol + rtol * max(|analytic|, |numeric|)}
     */
    public record ElementComparison(String tensor, String index, double analytic, double numeric, double allowed) {

        /** {@code |analytic - numeric|}. */
        public double error() {
            return Math.abs(analytic - numeric);
        }

        /** {@code error() / allowed}: above 1 means this element fails. NaN counts as infinitely bad. */
        public double ratio() {
            if (error() == 0) {
                return 0;
            }
            double r = error() / allowed;
            return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }

        public boolean failed() {
            return !(error() <= allowed);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s%s: analytic %.6g, numeric %.6g, error %.3g (allowed %.3g)%s",
                    tensor, index, analytic, numeric, error(), allowed, failed() ? "  <-- FAILS" : "");
        }
    }
}
