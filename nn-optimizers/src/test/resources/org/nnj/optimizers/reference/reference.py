#!/usr/bin/python3
"""Reference values for ReferenceValuesTest: five steps of every optimizer, in float64.

Run with Debian's PyTorch (apt-get install python3-torch; /usr/bin/python3):

    /usr/bin/python3 reference.py > reference-values.txt

Two independent oracles are computed for every case and must agree to 1e-12 relative:

  * torch.optim (the semantics NNJ follows), run on float64 tensors;
  * the update rules written out by hand below, in numpy float64.

The values written are torch's, except for NAdam: the installed torch 1.13 still has the product of
the momentum schedule wrong (mu_product * mu * mu_next, fixed in torch 2.0 by pytorch/pytorch#92699).
For NAdam the hand-written rule is checked against torch 1.13 with that bug reproduced, and the fixed
rule (torch 2.x) is what is written.

Inputs are float32 values (the weights and gradients NNJ sees) and hyper-parameters rounded to float32
as NNJ rounds them (all but lr); everything else is float64. The Java test reads this file; it never
needs torch.
"""
import math
import sys

import numpy as np
import torch

# Scalar state (NAdam's mu_product, the step counts) is created in the default dtype: make it float64 too.
torch.set_default_dtype(torch.float64)

STEPS = 5
W0 = [0.5, -1.25, 2.0, 0.75, -0.3, 1.5, 3.0, -2.2]
# Gradient magnitudes from zero and far below eps to large, pointing away from zero (-sign(w)), so the
# weights never cross zero and relative errors stay meaningful. The magnitude rises and falls over the
# five steps, so that AMSGrad's maximum and Adamax's infinity norm take both branches.
MAGNITUDES = [0.1, 2.0, 1e-3, 5.0, 0.02, 0.0, 1e-9, 12.0]
FACTORS = [1.0, 1.25, 0.5, 1.5, 0.25]


def f32(x):
    return float(np.float32(x))


w0 = np.array([f32(w) for w in W0], dtype=np.float64)
grads = [np.array([f32(-math.copysign(1.0, W0[i]) * f32(MAGNITUDES[i]) * FACTORS[t]) for i in range(len(W0))],
                  dtype=np.float64) for t in range(STEPS)]


# ----------------------------------------------------------------------------------------- hand-written

def l2(g, w, wd):
    return g + wd * w if wd != 0 else g


def sgd(o):
    lr, mom, damp, nest, wd = o["lr"], o.get("momentum", 0.0), o.get("dampening", 0.0), o.get("nesterov", False), o.get("weight_decay", 0.0)
    w, buf, out = w0.copy(), None, []
    for t in range(STEPS):
        g = l2(grads[t], w, wd)
        if mom != 0:
            buf = g.copy() if buf is None else mom * buf + (1 - damp) * g
            g = g + mom * buf if nest else buf
        w = w - lr * g
        out.append(w.copy())
    return out, ({"momentum_buffer": buf} if mom != 0 else {}), {}


def adagrad(o):
    lr, lrd, wd, init, eps = o["lr"], o.get("lr_decay", 0.0), o.get("weight_decay", 0.0), o.get("initial_accumulator_value", 0.0), o.get("eps", 1e-10)
    w, s, out = w0.copy(), np.full(len(w0), init), []
    for t in range(1, STEPS + 1):
        g = l2(grads[t - 1], w, wd)
        clr = lr / (1 + (t - 1) * lrd)
        s = s + g * g
        w = w - clr * g / (np.sqrt(s) + eps)
        out.append(w.copy())
    return out, {"sum": s}, {}


def rmsprop(o):
    lr, alpha, eps, wd, mom, centered = o["lr"], o.get("alpha", 0.99), o.get("eps", 1e-8), o.get("weight_decay", 0.0), o.get("momentum", 0.0), o.get("centered", False)
    n = len(w0)
    w, sq, ga, buf, out = w0.copy(), np.zeros(n), np.zeros(n), np.zeros(n), []
    for t in range(STEPS):
        g = l2(grads[t], w, wd)
        sq = alpha * sq + (1 - alpha) * g * g
        if centered:
            ga = alpha * ga + (1 - alpha) * g
            avg = np.sqrt(sq - ga * ga) + eps
        else:
            avg = np.sqrt(sq) + eps
        if mom > 0:
            buf = mom * buf + g / avg
            w = w - lr * buf
        else:
            w = w - lr * g / avg
        out.append(w.copy())
    state = {"square_avg": sq}
    if mom > 0:
        state["momentum_buffer"] = buf
    if centered:
        state["grad_avg"] = ga
    return out, state, {}


def adadelta(o):
    lr, rho, eps, wd = o["lr"], o.get("rho", 0.9), o.get("eps", 1e-6), o.get("weight_decay", 0.0)
    n = len(w0)
    w, sq, acc, out = w0.copy(), np.zeros(n), np.zeros(n), []
    for t in range(STEPS):
        g = l2(grads[t], w, wd)
        sq = rho * sq + (1 - rho) * g * g
        delta = np.sqrt(acc + eps) / np.sqrt(sq + eps) * g
        acc = rho * acc + (1 - rho) * delta * delta
        w = w - lr * delta
        out.append(w.copy())
    return out, {"square_avg": sq, "acc_delta": acc}, {}


def adam(o, decoupled):
    lr, b1, b2, eps = o["lr"], o.get("beta1", 0.9), o.get("beta2", 0.999), o.get("eps", 1e-8)
    wd, ams = o.get("weight_decay", 1e-2 if decoupled else 0.0), o.get("amsgrad", False)
    n = len(w0)
    w, m, v, vmax, out = w0.copy(), np.zeros(n), np.zeros(n), np.zeros(n), []
    for t in range(1, STEPS + 1):
        g = grads[t - 1]
        if decoupled:
            w = w * (1 - lr * wd)
        else:
            g = l2(g, w, wd)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if ams:
            vmax = np.maximum(vmax, v)
        denom = np.sqrt(vmax if ams else v) / math.sqrt(1 - b2 ** t) + eps
        w = w - lr / (1 - b1 ** t) * m / denom
        out.append(w.copy())
    state = {"exp_avg": m, "exp_avg_sq": v}
    if ams:
        state["max_exp_avg_sq"] = vmax
    return out, state, {}


def adamax(o):
    lr, b1, b2, eps, wd = o["lr"], o.get("beta1", 0.9), o.get("beta2", 0.999), o.get("eps", 1e-8), o.get("weight_decay", 0.0)
    n = len(w0)
    w, m, u, out = w0.copy(), np.zeros(n), np.zeros(n), []
    for t in range(1, STEPS + 1):
        g = l2(grads[t - 1], w, wd)
        m = b1 * m + (1 - b1) * g
        u = np.maximum(b2 * u, np.abs(g) + eps)
        w = w - lr / (1 - b1 ** t) * m / u
        out.append(w.copy())
    return out, {"exp_avg": m, "exp_inf": u}, {}


def nadam(o, torch113_bug=False):
    lr, b1, b2, eps, wd, psi = o["lr"], o.get("beta1", 0.9), o.get("beta2", 0.999), o.get("eps", 1e-8), o.get("weight_decay", 0.0), o.get("momentum_decay", 4e-3)
    n = len(w0)
    w, m, v, prod, out = w0.copy(), np.zeros(n), np.zeros(n), 1.0, []
    for t in range(1, STEPS + 1):
        g = l2(grads[t - 1], w, wd)
        mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        prod *= mu
        prod_next = prod * mu * mu_next if torch113_bug else prod * mu_next
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        denom = np.sqrt(v / (1 - b2 ** t)) + eps
        w = w - lr * (1 - mu) / (1 - prod) * g / denom
        w = w - lr * mu_next / (1 - prod_next) * m / denom
        out.append(w.copy())
    return out, {"exp_avg": m, "exp_avg_sq": v}, {"mu_product": prod}


# ----------------------------------------------------------------------------------------------- torch

def torch_run(name, o):
    p = torch.nn.Parameter(torch.tensor(w0, dtype=torch.float64))
    k = dict(o)
    if name in ("adam", "adamw", "adamax", "nadam"):
        k["betas"] = (k.pop("beta1", 0.9), k.pop("beta2", 0.999))
    ctor = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
            "adadelta": torch.optim.Adadelta, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
            "adamax": torch.optim.Adamax, "nadam": torch.optim.NAdam}[name]
    opt = ctor([p], **k)
    out = []
    for t in range(STEPS):
        p.grad = torch.tensor(grads[t], dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    tensors, scalars = {}, {}
    for key, value in opt.state[p].items():
        if key == "step" or value is None:
            continue
        if value.dim() == 0:
            scalars[key] = value.item()
        else:
            tensors[key] = value.numpy().copy()
    return out, tensors, scalars


HAND = {"sgd": sgd, "adagrad": adagrad, "rmsprop": rmsprop, "adadelta": adadelta,
        "adam": lambda o: adam(o, False), "adamw": lambda o: adam(o, True), "adamax": adamax, "nadam": nadam}

# (case, optimizer, settings); lr is given as is, every other value is rounded to float32 by NNJ.
CASES = [
    ("sgd_default", "sgd", {}),
    ("sgd_lr", "sgd", {"lr": 0.1}),
    ("sgd_momentum", "sgd", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_dampening_weight_decay", "sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1}),
    ("sgd_nesterov", "sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adagrad_default", "adagrad", {}),
    ("adagrad_options", "adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.1,
                                    "initial_accumulator_value": 0.5, "eps": 1e-6}),
    ("rmsprop_default", "rmsprop", {}),
    ("rmsprop_momentum", "rmsprop", {"lr": 0.01, "alpha": 0.9, "eps": 1e-6, "momentum": 0.8, "weight_decay": 0.05}),
    ("rmsprop_centered", "rmsprop", {"lr": 1e-3, "alpha": 0.95, "centered": True}),
    ("rmsprop_centered_momentum", "rmsprop", {"lr": 0.005, "alpha": 0.9, "eps": 1e-4, "momentum": 0.5,
                                              "centered": True, "weight_decay": 0.1}),
    ("adadelta_default", "adadelta", {}),
    ("adadelta_options", "adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.1}),
    ("adam_default", "adam", {}),
    ("adam_options", "adam", {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3, "weight_decay": 0.1}),
    ("adam_amsgrad", "adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.95, "amsgrad": True, "weight_decay": 0.01}),
    ("adamw_default", "adamw", {}),
    ("adamw_options", "adamw", {"lr": 0.05, "beta1": 0.7, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.5}),
    ("adamw_amsgrad", "adamw", {"lr": 0.02, "beta2": 0.9, "amsgrad": True, "weight_decay": 0.1}),
    ("adamax_default", "adamax", {}),
    ("adamax_options", "adamax", {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-4, "weight_decay": 0.1}),
    ("nadam_default", "nadam", {}),
    ("nadam_options", "nadam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.95, "eps": 1e-5, "weight_decay": 0.1,
                                "momentum_decay": 0.01}),
]
# torch.optim's defaults (torch 2.x for SGD's lr, which 1.13 requires). They are given to both oracles
# explicitly, rounded to float32 like the rest, since NNJ computes with the float32 value of 0.999.
DEFAULTS = {
    "sgd": {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0},
    "adagrad": {"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0, "initial_accumulator_value": 0.0, "eps": 1e-10},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0, "centered": False},
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0},
    "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False},
    "adamw": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 1e-2, "amsgrad": False},
    "adamax": {"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "nadam": {"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "momentum_decay": 4e-3},
}


def rounded(settings):
    return {k: (v if k == "lr" or isinstance(v, bool) else f32(v)) for k, v in settings.items()}


def assert_close(a, b, what):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    err = np.abs(a - b)
    bound = 1e-12 * np.maximum(np.abs(b), 1e-300)
    if not np.all(err <= bound):
        raise SystemExit(f"{what}: hand-written and torch disagree: {a} vs {b}")


def fmt(values):
    return " ".join(repr(float(x)) for x in values)


def main():
    out = sys.stdout
    out.write(f"# Generated by reference.py with torch {torch.__version__}, numpy {np.__version__}; do not edit.\n")
    out.write("w0 " + fmt(w0) + "\n")
    for t in range(STEPS):
        out.write(f"grad {t + 1} " + fmt(grads[t]) + "\n")
    for case, name, settings in CASES:
        o = rounded({**DEFAULTS[name], **settings})
        hand = HAND[name](o)
        if name == "nadam":
            reference = hand
            buggy = nadam(o, torch113_bug=True)
            checked = torch_run(name, o)
            for t in range(STEPS):
                assert_close(buggy[0][t], checked[0][t], f"{case} (torch 1.13's rule) w after step {t + 1}")
        else:
            reference = torch_run(name, o)
            checked = hand
            for t in range(STEPS):
                assert_close(checked[0][t], reference[0][t], f"{case} w after step {t + 1}")
            for key, value in reference[1].items():
                assert_close(checked[1][key], value, f"{case} {key}")
            assert sorted(checked[1]) == sorted(reference[1]), f"{case}: state keys {sorted(checked[1])} vs {sorted(reference[1])}"
        config = ",".join(f"{k}={str(v).lower() if isinstance(v, bool) else repr(v)}" for k, v in settings.items())
        out.write(f"case {case} {name} {config}\n")
        for t in range(STEPS):
            out.write(f"w {t + 1} " + fmt(reference[0][t]) + "\n")
        for key, value in sorted(reference[1].items()):
            out.write(f"tensor {key} " + fmt(value) + "\n")
        for key, value in sorted(reference[2].items()):
            out.write(f"scalar {key} {value!r}\n")
        out.write("end\n")


if __name__ == "__main__":
    main()
