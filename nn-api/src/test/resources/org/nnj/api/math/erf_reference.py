"""Writes erf-reference.txt: torch.erf and torch.erfc in float64, the reference of ErfTest.

Run from this directory with /usr/bin/python3 (torch 1.13). Each line: x erf(x) erfc(x), as Python's repr of
the doubles (shortest round-trip form, which Java's Double.parseDouble reads back exactly).
"""
import torch

xs = set()
# A grid over [-30, 30] that crosses every range boundary of Erf (1, 2.5, 4, 28) with odd steps.
xs.update((torch.arange(-30000, 30001, 7, dtype=torch.float64) / 1000).tolist())
# The boundaries themselves and their neighbours.
for b in (0.0, 1.0, 2.5, 4.0, 26.5, 27.2, 27.3, 28.0):
    for s in (-1.0, 1.0):
        v = torch.tensor(s * b, dtype=torch.float64)
        xs.update([v.item(), torch.nextafter(v, torch.tensor(1e9, dtype=torch.float64)).item(),
                   torch.nextafter(v, torch.tensor(-1e9, dtype=torch.float64)).item()])
# Small arguments, where erf(x) ~ 2x/sqrt(pi) must keep its relative accuracy.
for e in range(-300, 0, 7):
    xs.update([10.0 ** e, -(10.0 ** e), 3.7 * 10.0 ** e])

x = torch.tensor(sorted(xs), dtype=torch.float64)
erf = torch.erf(x)
erfc = torch.erfc(x)
with open("erf-reference.txt", "w") as f:
    f.write("# x erf(x) erfc(x): torch %s, float64; written by erf_reference.py\n" % torch.__version__)
    for a, b, c in zip(x.tolist(), erf.tolist(), erfc.tolist()):
        f.write("%r %r %r\n" % (a, b, c))
