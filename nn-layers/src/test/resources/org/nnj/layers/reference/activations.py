"""Writes activations-reference.txt: ELU, SELU, GELU and softplus from PyTorch, values and derivatives.

Run from this directory with /usr/bin/python3 (torch 1.13): python3 activations.py

Every input is a float32 number (the grid is rounded to float32 first), evaluated in float64 with
torch.nn.functional; the derivative is float64 autograd of the sum of the outputs, so it is PyTorch's own
backward formula (including its choice at the kinks). The Java tests compute the same functions in float32 on
the same inputs: the NNJ scalar backend (ActivationsAgainstPyTorchTest in nn-layers) and the SIMD backend
(SmoothActivationsAgainstPyTorchTest in nn-simd, which reads this file through its test resources).

PyTorch's float64 formulas are not exact everywhere: 1 + erf(x / sqrt 2) and 1 + tanh(u) cancel in GELU's
negative tail (PyTorch's float64 GELU is 0 below x = -8.3, where the true value is about -1e-16 * |x|, and its
tanh form's derivative is off by 8e-7 relative at x = -5.95), and its ELU takes exp(x) - 1 rather than
expm1(x) (0 at x = -1e-30). So each line also holds the exact values, computed with mpmath in 60-digit
arithmetic from the same formulas in forms that do not cancel, rounded to double: the Java tests check the
issue's bound against PyTorch (with a small absolute term for PyTorch's own errors) and a pure 1e-6 relative
bound against the exact values.

Line format: FUNCTION X Y DYDX Y_EXACT DYDX_EXACT, the numbers as Python's repr of doubles. FUNCTION is the
activation's provider name, followed by its config as ':key=value,key=value' when not the default.
"""
import mpmath as mp
import torch
import torch.nn.functional as F

mp.mp.dps = 60
SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def elu(alpha, scale):
    """Value and derivative; at 0 the left derivative, as PyTorch's autograd."""
    return lambda x: (scale * x, scale) if x > 0 else (scale * alpha * mp.expm1(x), scale * alpha * mp.exp(x))


def gelu(x):
    return x * mp.ncdf(x), mp.ncdf(x) + x * mp.npdf(x)


def gelu_tanh(x):
    c = mp.sqrt(2 / mp.pi)
    u = c * (x + mp.mpf("0.044715") * x ** 3)
    du = c * (1 + 3 * mp.mpf("0.044715") * x ** 2)
    s = sigmoid(2 * u)  # 0.5 * (1 + tanh(u)), without the cancellation
    return x * s, s + x * 2 * s * sigmoid(-2 * u) * du  # 1 - tanh(u)^2 = 4 s sigmoid(-2u)


def softplus(beta, threshold):
    def f(x):
        t = beta * x
        if t > threshold:
            return x, mp.mpf(1)
        return mp.log1p(mp.exp(t)) / beta, sigmoid(t)
    return f

torch.manual_seed(12)


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


grid = torch.linspace(-10, 10, 641, dtype=torch.float64).float()
random = (torch.rand(200, dtype=torch.float64) * 20 - 10).float()
special = f32([0.0, -0.0, 1e-6, -1e-6, 1e-8, -1e-8, 1e-30, -1e-30, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0,
               -0.7517916, 5.0, -5.0, 8.0, -8.0, 12.0, -12.0, 15.0, -15.0, 20.0, -20.0, 30.0, -30.0,
               50.0, -50.0, 87.0, -87.0, 100.0, -100.0])


def neighbours(v):
    """v and the float32 numbers on either side of it."""
    t = f32([v])
    return torch.cat([torch.nextafter(t, f32([-1e30])), t, torch.nextafter(t, f32([1e30]))])


common = torch.cat([grid, random, special])

functions = [
    ("elu", lambda x: F.elu(x), elu(1, 1), common),
    ("elu:alpha=0.5", lambda x: F.elu(x, alpha=0.5), elu(mp.mpf(0.5), 1), common),
    ("selu", lambda x: F.selu(x), elu(SELU_ALPHA, SELU_SCALE), common),
    ("gelu", lambda x: F.gelu(x), gelu, common),
    ("gelu:approximate=tanh", lambda x: F.gelu(x, approximate="tanh"), gelu_tanh, common),
    # The threshold boundary: beta * x == threshold exactly, and the float32 numbers around it.
    ("softplus", lambda x: F.softplus(x), softplus(1, 20), torch.cat([common, neighbours(20.0)])),
    ("softplus:beta=2,threshold=5", lambda x: F.softplus(x, beta=2, threshold=5), softplus(2, 5),
     torch.cat([common, neighbours(2.5)])),
]

with open("activations-reference.txt", "w") as out:
    out.write("# FUNCTION X Y DYDX Y_EXACT DYDX_EXACT: torch %s, float64 on float32 inputs, and mpmath; written by activations.py\n"
              % torch.__version__)
    for name, f, exact, xs in functions:
        x = xs.double().clone().requires_grad_(True)
        y = f(x)
        (grad,) = torch.autograd.grad(y.sum(), x)
        for a, b, c in zip(x.detach().tolist(), y.detach().tolist(), grad.tolist()):
            ey, ed = exact(mp.mpf(a))
            out.write("%s %r %r %r %r %r\n" % (name, a, b, c, float(ey), float(ed)))
