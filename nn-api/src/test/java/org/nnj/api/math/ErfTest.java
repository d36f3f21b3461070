package org.nnj.api.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against {@code torch.erf} and {@code torch.erfc} in float64 ({@code erf-reference.txt}, written by
 * {@code erf_reference.py} beside it): 8,700 arguments from -30 to 30 across every range boundary, and tiny ones
 * down to 1e-300.
 */
class ErfTest {
    /**
     * Relative tolerance: nine units in the last place of a double. Measured: erf 2.2e-16, erfc 9.7e-16 (at
     * x = 0.968, where {@code erfc = 1 - erf} loses the digits of erf's rounding).
     */
    private static final double RELATIVE = 2e-15;

    private static List<double[]> reference() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = ErfTest.class.getResourceAsStream("erf-reference.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2])});
                }
            }
        }
        return rows;
    }

    /**
     * The error of {@code actual} in units of {@code RELATIVE * |expected|}; below the normal doubles (erfc beyond
     * 26.5), where no function keeps relative accuracy, in units of the smallest normal double instead.
     */
    private static double error(double expected, double actual) {
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        return Math.abs(actual - expected) / (RELATIVE * scale);
    }

    @Test
    void matchesTorchInFloat64() throws IOException {
        List<double[]> rows = reference();
        assertTrue(rows.size() > 8000, "the reference file is complete");
        double worstErf = 0;
        double worstErfc = 0;
        double atErf = 0;
        double atErfc = 0;
        for (double[] row : rows) {
            double e = error(row[1], Erf.erf(row[0]));
            double c = error(row[2], Erf.erfc(row[0]));
            if (e > worstErf) {
                worstErf = e;
                atErf = row[0];
            }
            if (c > worstErfc) {
                worstErfc = c;
                atErfc = row[0];
            }
        }
        System.out.printf("Erf against torch float64: worst relative error erf %.3g (x=%s), erfc %.3g (x=%s)%n",
                worstErf * RELATIVE, atErf, worstErfc * RELATIVE, atErfc);
        assertTrue(worstErf <= 1, "erf differs by " + worstErf * RELATIVE + " relative at x=" + atErf);
        assertTrue(worstErfc <= 1, "erfc differs by " + worstErfc * RELATIVE + " relative at x=" + atErfc);
    }

    @Test
    void specialValues() {
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(-0.0, Erf.erf(-0.0), "the sign of zero is kept");
        assertEquals(1.0, Erf.erfc(0.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertEquals(0.0, Erf.erfc(40.0));
        // erfc(10) = 2.08848758376254475700e-45 (mpmath with 30 digits).
        assertEquals(2.088487583762545e-45, Erf.erfc(10.0), 1e-15 * 2.1e-45);
    }
}
