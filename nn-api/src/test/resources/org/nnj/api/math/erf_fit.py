"""The coefficients of Erf (nn-api) and VectorErf (nn-simd): Chebyshev fits in 50-digit arithmetic (mpmath).

    python3 erf_fit.py 12 18 16 14    # Erf: double precision
    python3 erf_fit.py 13 13 11 9     # VectorErf: 1e-11 for |x| >= 1 (float results), full accuracy below 1

The four numbers are the coefficient counts (degree + 1) of the four ranges of |x|:
  [0, 1):   erf(sqrt(u)) / sqrt(u) in u = x^2
  [1, 2.5): erfc(a) exp(a^2) in powers of a - 1.75
  [2.5, 4): erfc(a) exp(a^2) in powers of a - 3.25
  [4, inf): erfc(a) exp(a^2) a in u = 1 / a^2, on [0, 1/16]
It prints the worst relative error of the assembled erfc and erf (evaluated in double precision) over [0, 27],
then the Java arrays, highest degree first.
"""
import math
import random
import sys

import mpmath as mp

mp.mp.dps = 50
N0, N1, N2, N3 = map(int, sys.argv[1:5])


def fit(f, a, b, n):
    return [float(c) for c in mp.chebyfit(f, [a, b], n)]


P0 = fit(lambda u: 2 / mp.sqrt(mp.pi) if u == 0 else mp.erf(mp.sqrt(u)) / mp.sqrt(u), 0, 1, N0)
P1 = fit(lambda t: mp.erfc(t + mp.mpf(1.75)) * mp.exp((t + mp.mpf(1.75)) ** 2), -0.75, 0.75, N1)
P2 = fit(lambda t: mp.erfc(t + mp.mpf(3.25)) * mp.exp((t + mp.mpf(3.25)) ** 2), -0.75, 0.75, N2)
P3 = fit(lambda u: 1 / mp.sqrt(mp.pi) if u == 0 else mp.erfc(1 / mp.sqrt(u)) * mp.exp(1 / u) / mp.sqrt(u),
         0, mp.mpf(1) / 16, N3)


def horner(p, t):
    r = p[0]
    for c in p[1:]:
        r = r * t + c
    return r


def erfc(x):
    a = abs(x)
    if a < 1:
        e = 1 - a * horner(P0, a * a)
    elif a < 2.5:
        e = math.exp(-a * a) * horner(P1, a - 1.75)
    elif a < 4:
        e = math.exp(-a * a) * horner(P2, a - 3.25)
    else:
        e = math.exp(-a * a) / a * horner(P3, 1 / (a * a))
    return 2 - e if x < 0 else e


def erf(x):
    return x * horner(P0, x * x) if abs(x) < 1 else math.copysign(1 - erfc(abs(x)), x)


random.seed(1)
xs = [random.uniform(0, 27) for _ in range(20000)] + [i / 1000 for i in range(27000)]
worst_erfc = max(float(abs((erfc(x) - mp.erfc(x)) / mp.erfc(x))) for x in xs if mp.erfc(x) > 1e-300)
worst_erf = max(float(abs((erf(x) - mp.erf(x)) / mp.erf(x))) for x in xs if 0 < x < 6)
print("worst relative error: erfc %.3g, erf %.3g (exp(-a^2) of the rounded square included)"
      % (worst_erfc, worst_erf))
for name, p in (("ERF_SMALL", P0), ("ERFCX_1", P1), ("ERFCX_2", P2), ("ERFCX_LARGE", P3)):
    print("    private static final double[] %s = {" % name)
    for i in range(0, len(p), 3):
        print("        " + ", ".join(repr(c) for c in p[i:i + 3]) + ",")
    print("    };")
