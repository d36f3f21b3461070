package org.nnj.examples.lecture;

/**
 * Ordinary least squares in closed form, the baseline a regression network is measured against: the
 * coefficients {@code w} (intercept first) that minimise {@code sum_i (y_i - w0 - w . x_i)^2}, from the
 * normal equations {@code (A^T A) w = A^T y} with {@code A = [1 | X]}, solved in double by Gaussian
 * elimination with partial pivoting. For the demos' few features the normal equations are exact enough;
 * a (nearly) singular system, such as a feature that never varies, is an error rather than a wild answer.
 */
final class LeastSquares {
    private final double[] coefficients;

    private LeastSquares(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /** Fits {@code y} on the rows of {@code x} (each {@code [features]}) with an intercept. */
    static LeastSquares fit(double[][] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("least squares: " + x.length + " rows of features for " + y.length
                    + " targets");
        }
        int p = x[0].length + 1;
        double[][] normal = new double[p][p + 1]; // [A^T A | A^T y]
        double[] row = new double[p];
        for (int i = 0; i < x.length; i++) {
            row[0] = 1;
            System.arraycopy(x[i], 0, row, 1, p - 1);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    normal[r][c] += row[r] * row[c];
                }
                normal[r][p] += row[r] * y[i];
            }
        }
        return new LeastSquares(solve(normal));
    }

    /** Solves the augmented system {@code [M | b]} in place. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        double scale = 0;
        for (double[] r : m) {
            for (int c = 0; c < n; c++) {
                scale = Math.max(scale, Math.abs(r[c]));
            }
        }
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int r = k + 1; r < n; r++) {
                if (Math.abs(m[r][k]) > Math.abs(m[pivot][k])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][k]) <= 1e-12 * scale) {
                throw new IllegalArgumentException("least squares: the features are linearly dependent (a constant"
                        + " feature, or too few distinct points)");
            }
            double[] t = m[k];
            m[k] = m[pivot];
            m[pivot] = t;
            for (int r = k + 1; r < n; r++) {
                double f = m[r][k] / m[k][k];
                for (int c = k; c <= n; c++) {
                    m[r][c] -= f * m[k][c];
                }
            }
        }
        double[] w = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            double s = m[k][n];
            for (int c = k + 1; c < n; c++) {
                s -= m[k][c] * w[c];
            }
            w[k] = s / m[k][k];
        }
        return w;
    }

    /** The coefficients: the intercept, then one per feature. */
    double[] coefficients() {
        return coefficients.clone();
    }

    /** The prediction for one row of features. */
    double predict(double[] features) {
        double s = coefficients[0];
        for (int j = 0; j < features.length; j++) {
            s += coefficients[j + 1] * features[j];
        }
        return s;
    }
}
