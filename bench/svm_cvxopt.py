#!/usr/bin/env python3
"""Reference NTP-SVM* solver: the nuclear-norm SDP solved by CVXOPT's interior-point method.

    min ||L||_*  s.t.  L[z,j] = L[z',j] (z, z' in S_j),  L[z,j] - L[v,j] >= 1 (z in S_j, v not in S_j)

as the SDP  min (tr W1 + tr W2)/2  s.t.  [[W1, L], [L^T, W2]] >= 0  (a standard identity for ||L||_*).
Independent of the Java engine (only numpy + cvxopt; Debian: apt-get install python3-cvxopt).

Usage: svm_cvxopt.py --data DIR_OR_NPZ --out DIR   (writes DIR/lmm_cvxopt.npy (V x m float64) and DIR/cvxopt.json)
Small problems only: the SDP has V*m + V(V+1)/2 + m(m+1)/2 variables and a dense (V+m)^2 cone.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def load_supports(path):
    npz = os.path.join(path, "dataset.npz") if os.path.isdir(path) else path
    with np.load(npz, allow_pickle=False) as a:
        V, m = int(a["V"]), int(a["m"])
        S = np.zeros((V, m), dtype=bool)
        S[a["support_token"].astype(int), a["support_context"].astype(int)] = True
    return S


def solve(S, tol=1e-10):
    from cvxopt import matrix, solvers, spmatrix

    V, m = S.shape
    n = V + m
    nL = V * m
    # variables: L (column-major, index z + j*V), then lower triangles of W1 (V x V) and W2 (m x m)
    tri1 = [(i, k) for k in range(V) for i in range(k, V)]
    tri2 = [(i, k) for k in range(m) for i in range(k, m)]
    nv = nL + len(tri1) + len(tri2)
    c = np.zeros(nv)
    for t, (i, k) in enumerate(tri1):
        if i == k:
            c[nL + t] = 0.5
    for t, (i, k) in enumerate(tri2):
        if i == k:
            c[nL + len(tri1) + t] = 0.5

    # SDP block M(x) = [[W1, L], [L^T, W2]] (n x n); CVXOPT wants G_s x + s = h_s, s in PSD, so G_s = -vec(M(.)).
    gi, gj, gv = [], [], []

    def put(r, col_idx, val):
        gi.append(r)
        gj.append(col_idx)
        gv.append(val)

    for j in range(m):
        for z in range(V):
            x = z + j * V
            put(z + (V + j) * n, x, -1.0)  # M[z, V+j]
            put((V + j) + z * n, x, -1.0)  # M[V+j, z]
    for t, (i, k) in enumerate(tri1):
        put(i + k * n, nL + t, -1.0)
        if i != k:
            put(k + i * n, nL + t, -1.0)
    for t, (i, k) in enumerate(tri2):
        a, b = V + i, V + k
        put(a + b * n, nL + len(tri1) + t, -1.0)
        if i != k:
            put(b + a * n, nL + len(tri1) + t, -1.0)
    Gs = spmatrix(gv, gi, gj, (n * n, nv))
    hs = matrix(0.0, (n, n))

    # linear constraints: equalities L[z0,j] - L[z,j] = 0, inequalities L[v,j] - L[z0,j] <= -1 (z0 = first of S_j)
    ai, aj, av, b = [], [], [], []
    li, lj, lv, h = [], [], [], []
    for j in range(m):
        sup = np.flatnonzero(S[:, j])
        z0 = int(sup[0])
        for z in (int(q) for q in sup[1:]):
            r = len(b)
            ai += [r, r]
            aj += [z0 + j * V, z + j * V]
            av += [1.0, -1.0]
            b.append(0.0)
        for v in (int(q) for q in np.flatnonzero(~S[:, j])):
            r = len(h)
            li += [r, r]
            lj += [v + j * V, z0 + j * V]
            lv += [1.0, -1.0]
            h.append(-1.0)
    solvers.options.update({"show_progress": False, "abstol": tol, "reltol": tol, "feastol": 1e-10, "maxiters": 60})
    kw = {}
    if b:
        kw["A"] = spmatrix(av, ai, aj, (len(b), nv))
        kw["b"] = matrix(b)
    t0 = time.perf_counter()
    if h:
        Gl = spmatrix(lv, li, lj, (len(h), nv))
        res = solvers.sdp(matrix(c), Gl=Gl, hl=matrix(h), Gs=[Gs], hs=[hs], **kw)
    else:
        res = solvers.sdp(matrix(c), Gs=[Gs], hs=[hs], **kw)
    secs = time.perf_counter() - t0
    x = np.array(res["x"]).ravel()
    L = x[:nL].reshape((m, V)).T.copy()  # column-major -> V x m
    return L, res, secs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-entries", type=int, default=2000, help="refuse V*m above this (dense SDP)")
    args = ap.parse_args()
    S = load_supports(args.data)
    V, m = S.shape
    if V * m > args.max_entries:
        print(f"svm_cvxopt: V*m = {V * m} exceeds --max-entries {args.max_entries}", file=sys.stderr)
        return 2
    try:
        L, res, secs = solve(S)
    except (ArithmeticError, ValueError) as e:  # CVXOPT can break down on degenerate instances
        print(json.dumps({"V": V, "m": m, "status": "failed: " + repr(e)}))
        return 3
    sv = np.linalg.svd(L, compute_uv=False)
    os.makedirs(args.out, exist_ok=True)
    tmp = os.path.join(args.out, ".lmm_cvxopt.npy.tmp")
    with open(tmp, "wb") as f:
        np.save(f, L)
    os.replace(tmp, os.path.join(args.out, "lmm_cvxopt.npy"))
    info = {
        "V": V, "m": m, "status": res["status"], "seconds": secs,
        "nuclear_norm": float(sv.sum()), "primal_objective": float(res["primal objective"]),
        "dual_objective": float(res["dual objective"]), "iterations": int(res["iterations"]),
        "rank_1e-6": int((sv > 1e-6 * sv[0]).sum()) if sv.size and sv[0] > 0 else 0,
    }
    tmp = os.path.join(args.out, ".cvxopt.json.tmp")
    with open(tmp, "w") as f:
        json.dump(info, f, indent=2)
    os.replace(tmp, os.path.join(args.out, "cvxopt.json"))
    print(json.dumps(info))
    return 0 if res["status"] == "optimal" else 3


if __name__ == "__main__":
    sys.exit(main())
