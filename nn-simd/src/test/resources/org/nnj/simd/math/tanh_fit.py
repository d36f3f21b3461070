"""The coefficients of FloatLaneMath.tanh's polynomial: tanh(a) = a + a^3 * Q(a^2) for 0 <= a < T.

Q is fitted by least squares on Chebyshev nodes of [0, T^2], weighted by 1/|Q| (close to the minimax fit),
against mpmath at 40 digits, then rounded to float
one coefficient at a time, the constant first, the others refitted after each rounding. Usage: python3 tanh_fit.py [T [degree]]  (defaults 1 and 7, the values in use).
Prints the coefficients (highest degree first) as Java float literals and the fit's largest error relative
to tanh(a), measured on 20,001 points.
"""
import sys

import mpmath as mp
import numpy as np

mp.mp.dps = 40


def q(z):
    a = mp.sqrt(z)
    return (mp.tanh(a) - a) / a ** 3 if z > 0 else mp.mpf(-1) / 3


def main():
    t = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    degree = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    b = t * t
    k = np.arange(400)
    z = b / 2 + b / 2 * np.cos(np.pi * (k + 0.5) / 400)
    y = np.array([float(q(mp.mpf(v))) for v in z])
    w = 1 / np.abs(y)
    v = np.vander(z, degree + 1)
    # Rounded to float one at a time from the constant term up, each rest refitted to make up for the rounding.
    c = np.zeros(degree + 1)
    for fixed in range(degree + 1):
        free = degree + 1 - fixed
        rest = y - v[:, free:] @ c[free:]
        fit, *_ = np.linalg.lstsq(v[:, :free] * w[:, None], rest * w, rcond=None)
        c[free - 1] = float(np.float32(fit[free - 1]))
    worst = 0.0
    for a in np.linspace(1e-3, t, 20001):
        approx = a + a ** 3 * np.polyval(c, a * a)
        exact = mp.tanh(mp.mpf(a))
        worst = max(worst, abs(float((approx - exact) / exact)))
    print(", ".join(repr(float(np.float32(v))) + "f" for v in c))
    print("largest relative error against tanh:", worst)


if __name__ == "__main__":
    main()
