#!/usr/bin/python3
"""Full-batch UFM epoch in PyTorch versus `ntpgeo bench ufm`, same sizes, same machine, same thread count.

One epoch = L = W H, loss = sum_j pi_j CE(p_j, softmax(l_j)) (soft labels, dense V x m targets),
gradient, plain gradient-descent update of W and H, in float64 -- the step `ntpgeo train --model ufm
--optimizer gd` takes. PyTorch is timed twice, with autograd and with the hand-written gradient
(G = pi softmax(L) - T, G H^T, W^T G); the ratio is against the faster of the two. Run with Debian's python3-torch:

    /usr/bin/python3 bench/ufm_torch.py                      # default sizes, all cores
    /usr/bin/python3 bench/ufm_torch.py --threads 1 --sizes 104x404x128
    /usr/bin/python3 bench/ufm_torch.py --no-ntpgeo           # PyTorch only

It prints seconds per epoch for both, the ratio ntpgeo / PyTorch (<= 1 means ntpgeo is at least as fast)
and PyTorch's own 2000^3 float64 matmul rate. Other processes on the machine distort both timings alike;
note `uptime` next to the numbers.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def random_targets(V, m, max_support, gen):
    """pi_j p_j[z] as a dense V x m float64 matrix: 1..max_support tokens per context, counts 1..5."""
    counts = torch.zeros(V, m, dtype=torch.float64)
    k = torch.randint(1, max_support + 1, (m,), generator=gen)
    for j in range(m):
        idx = torch.randperm(V, generator=gen)[: int(k[j])]
        counts[idx, j] = torch.randint(1, 6, (len(idx),), generator=gen).double()
    return counts / counts.sum()


def torch_epoch_seconds(V, m, d, epochs, warmup, manual, lr=1e-3):
    """Median and minimum seconds of one epoch. manual=False: autograd (log_softmax, backward);
    manual=True: the hand-written gradient G = pi * softmax(L) - T, grad W = G H^T, grad H = W^T G (no autograd)."""
    gen = torch.Generator().manual_seed(1)
    target = random_targets(V, m, 10, gen)          # T[z, j] = pi_j p_j[z]
    pi = target.sum(dim=0, keepdim=True)            # 1 x m
    W = 0.1 * torch.randn(V, d, generator=gen, dtype=torch.float64)
    H = 0.1 * torch.randn(d, m, generator=gen, dtype=torch.float64)
    if not manual:
        W.requires_grad_()
        H.requires_grad_()

    def autograd_epoch():
        L = W @ H
        loss = -(target * torch.log_softmax(L, dim=0)).sum()
        loss.backward()
        with torch.no_grad():
            W.sub_(lr * W.grad)
            H.sub_(lr * H.grad)
            W.grad = None
            H.grad = None

    def manual_epoch():
        L = W @ H
        G = torch.softmax(L, dim=0).mul_(pi).sub_(target)
        gW = G @ H.T
        gH = W.T @ G
        W.sub_(lr * gW)
        H.sub_(lr * gH)

    epoch = manual_epoch if manual else autograd_epoch
    for _ in range(warmup):
        epoch()
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def check_manual_gradient():
    """The hand-written gradient equals autograd's (so both PyTorch timings do the same work)."""
    gen = torch.Generator().manual_seed(2)
    target = random_targets(7, 9, 3, gen)
    W = torch.randn(7, 4, generator=gen, dtype=torch.float64, requires_grad=True)
    H = torch.randn(4, 9, generator=gen, dtype=torch.float64, requires_grad=True)
    (-(target * torch.log_softmax(W @ H, dim=0)).sum()).backward()
    with torch.no_grad():
        G = torch.softmax(W @ H, dim=0) * target.sum(dim=0, keepdim=True) - target
        assert torch.allclose(G @ H.T, W.grad, rtol=1e-12, atol=1e-14)
        assert torch.allclose(W.T @ G, H.grad, rtol=1e-12, atol=1e-14)


def torch_matmul_gflops(n=2000, reps=10):
    a = torch.randn(n, n, dtype=torch.float64)
    b = torch.randn(n, n, dtype=torch.float64)
    a @ b
    best = min(_timed(lambda: a @ b) for _ in range(reps))
    return 2.0 * n ** 3 / best / 1e9


def loaded_blas():
    """The BLAS library this process loaded (Debian's torch calls whatever libblas.so.3 points to)."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower()}
    return ", ".join(sorted(os.path.basename(os.path.dirname(l)) + "/" + os.path.basename(l) for l in libs)) or "unknown"


def _timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def o_pct(ours, r):
    o = next(s for s in ours["sizes"] if (s["V"], s["m"], s["d"]) == (r["V"], r["m"], r["d"]))
    return o["percent_of_peak"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="104x404x128;1000x20000x256", help="VxMxD sizes separated by ';'")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--epochs", type=int, default=0, help="timed epochs per size (0: 50 small, 5 large)")
    ap.add_argument("--no-ntpgeo", action="store_true", help="only time PyTorch")
    ap.add_argument("--json", help="also write the results to this JSON file")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    check_manual_gradient()
    sizes = [tuple(int(x) for x in s.lower().split("x")) for s in args.sizes.split(";") if s.strip()]

    ours = None
    if not args.no_ntpgeo:
        cmd = [os.path.join(ROOT, "ntpgeo"), "bench", "ufm", "--json", "--threads", str(args.threads), "--sizes", args.sizes]
        if args.epochs:
            cmd += ["--epochs", str(args.epochs)]
        ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    rows = []
    for V, m, d in sizes:
        n = args.epochs or (5 if V * m * d > 100_000_000 else 50)
        auto, auto_min = torch_epoch_seconds(V, m, d, n, max(2, n // 5), manual=False)
        hand, hand_min = torch_epoch_seconds(V, m, d, n, max(2, n // 5), manual=True)
        med = min(auto, hand)
        row = {"V": V, "m": m, "d": d, "torch_autograd_seconds_per_epoch": auto, "torch_manual_seconds_per_epoch": hand,
               "torch_seconds_per_epoch": med, "torch_min_seconds_per_epoch": min(auto_min, hand_min)}
        if ours:
            o = next(s for s in ours["sizes"] if (s["V"], s["m"], s["d"]) == (V, m, d))
            row.update(ntpgeo_seconds_per_epoch=o["seconds_per_epoch"], ntpgeo_gflops=o["gflops"],
                       ratio=o["seconds_per_epoch"] / med,
                       ratio_of_minima=o["min_seconds_per_epoch"] / row["torch_min_seconds_per_epoch"])
        rows.append(row)

    peak_torch = torch_matmul_gflops()
    print(f"torch {torch.__version__} (BLAS: {loaded_blas()}), threads {args.threads}, load {os.getloadavg()[0]:.1f}")
    if ours:
        print(f"ntpgeo: {ours['blas']}")
    print(f"dgemm 2000^3: torch {peak_torch:.1f} GFLOP/s" +
          (f", ntpgeo {ours['dgemm_peak_gflops']:.1f} GFLOP/s ({ours['dgemm_peak_gflops_1_thread']:.1f} with 1 thread;"
           f" '% peak' is against the peak at the thread count the UFM used)" if ours else ""))
    print("seconds per epoch (medians); torch = the faster of autograd and a hand-written gradient;")
    print("ratio = ntpgeo / torch on medians, min-ratio = the same on the fastest epochs (less sensitive to load)")
    print(f"{'V':>6} {'m':>7} {'d':>5} {'autograd':>10} {'manual':>10} {'ntpgeo':>10} {'ratio':>6} {'min-ratio':>9} {'ntpgeo GF/s':>12} {'% peak':>7}")
    for r in rows:
        if ours:
            print(f"{r['V']:>6} {r['m']:>7} {r['d']:>5} {r['torch_autograd_seconds_per_epoch']:>10.6f} "
                  f"{r['torch_manual_seconds_per_epoch']:>10.6f} {r['ntpgeo_seconds_per_epoch']:>10.6f} {r['ratio']:>6.2f} "
                  f"{r['ratio_of_minima']:>9.2f} {r['ntpgeo_gflops']:>12.2f} "
                  f"{o_pct(ours, r):>6.0f}%")
        else:
            print(f"{r['V']:>6} {r['m']:>7} {r['d']:>5} {r['torch_autograd_seconds_per_epoch']:>10.6f} "
                  f"{r['torch_manual_seconds_per_epoch']:>10.6f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch.__version__, "torch_blas": loaded_blas(), "threads": args.threads, "torch_dgemm_gflops": peak_torch,
                       "ntpgeo": ours, "rows": rows}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
