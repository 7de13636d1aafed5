#!/usr/bin/env python3
"""Time to target in PyTorch: the reference side of bench/neural_ttt.sh (org.ntpgeo.bench.TimeToTarget).

Trains ntpgeo's transformer or LSTM, written directly in PyTorch, on an ntpgeo dataset (dataset.npz) from the
initial parameters that ntpgeo wrote (its model state file, `init=FILE.npz` of TimeToTarget), full batch, with the
same optimiser (AdamW: decay on every parameter but the normalisation gains), learning-rate schedule
(constant | cosine | warmup:W[+cosine|+constant]) and gradient clipping (clip_grad_norm_), until CE - H <= target.
The loss of an epoch is the one its step computes (the parameters before the step), as on the ntpgeo side.

Models (docs/NEURAL.md): Llama-style decoder (token embedding, pre-norm blocks with causal multi-head attention
and SwiGLU 4d, RMSNorm eps 1e-6, no positional encoding, final RMSNorm of the last position; the last block
computed only where the last position needs it, as ntpgeo does) or nn.LSTM + RMSNorm of the top layer's last
hidden state; bias-free output layer W (V x d); loss -sum (c/n) log_softmax(H W^T).

Prints: kind dtype threads epochs_to_target wall_s cpu_s wall_s_per_epoch final_ce_minus_h
Usage: neural_ttt.py data=DIR init=STATE.npz [kind=transformer] [layers=4] [heads=4] [dtype=float32] [lr=1e-3]
       [wd=1e-6] [schedule=constant] [clip=0] [epochs=600] [threads=1] [target=0.01] [curve=FILE.csv]
"""
import math
import sys
import time

import numpy as np
import torch

EPS = 1e-6


def rms_norm(x, gain):
    return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + EPS) * gain


class Decoder:
    def __init__(self, p, layers, heads, width):
        self.p, self.layers, self.heads = p, layers, heads
        self.mask = torch.triu(torch.full((width, width), float("-inf"), dtype=p["embed"].dtype), 1)

    def attention(self, x, b, q_last):
        n, t, d = x.shape
        dh = d // self.heads
        p = self.p
        k = (x @ p[b + "wk"]).view(n, t, self.heads, dh).transpose(1, 2)
        v = (x @ p[b + "wv"]).view(n, t, self.heads, dh).transpose(1, 2)
        if q_last:
            q = (x[:, -1:, :] @ p[b + "wq"]).view(n, 1, self.heads, dh).transpose(1, 2)
            s = q @ k.transpose(-1, -2) / math.sqrt(dh)
            return (s.softmax(-1) @ v).reshape(n, d) @ p[b + "wo"]
        q = (x @ p[b + "wq"]).view(n, t, self.heads, dh).transpose(1, 2)
        s = q @ k.transpose(-1, -2) / math.sqrt(dh) + self.mask
        return (s.softmax(-1) @ v).transpose(1, 2).reshape(n, t, d) @ p[b + "wo"]

    def mlp(self, x, b):
        p = self.p
        g = x @ p[b + "w_gate"]
        return (torch.nn.functional.silu(g) * (x @ p[b + "w_up"])) @ p[b + "w_down"]

    def __call__(self, tokens):
        p = self.p
        x = p["embed"][tokens]
        for l in range(self.layers - 1):
            b = f"block{l}."
            x = x + self.attention(rms_norm(x, p[b + "attn_norm"]), b, False)
            x = x + self.mlp(rms_norm(x, p[b + "mlp_norm"]), b)
        b = f"block{self.layers - 1}."
        last = x[:, -1, :] + self.attention(rms_norm(x, p[b + "attn_norm"]), b, True)
        last = last + self.mlp(rms_norm(last, p[b + "mlp_norm"]), b)
        return rms_norm(last, p["final_norm"])


class Lstm:
    def __init__(self, p, layers, d):
        self.p = p
        self.lstm = torch.nn.LSTM(d, d, layers, batch_first=True).to(p["embed"].dtype)
        with torch.no_grad():
            for l in range(layers):
                for ours, theirs in (("w_ih", "weight_ih_l"), ("w_hh", "weight_hh_l"), ("b_ih", "bias_ih_l"), ("b_hh", "bias_hh_l")):
                    getattr(self.lstm, theirs + str(l)).copy_(p[f"lstm{l}.{ours}"])
        # train the nn.LSTM's own tensors (the fused kernel); drop the copies
        for l in range(layers):
            for ours, theirs in (("w_ih", "weight_ih_l"), ("w_hh", "weight_hh_l"), ("b_ih", "bias_ih_l"), ("b_hh", "bias_hh_l")):
                p[f"lstm{l}.{ours}"] = getattr(self.lstm, theirs + str(l))

    def __call__(self, tokens):
        out, _ = self.lstm(self.p["embed"][tokens])
        return rms_norm(out[:, -1, :], self.p["final_norm"])


def schedule(spec, epochs):
    spec = spec.lower()
    warm = 0
    if spec.startswith("warmup:"):
        head, _, rest = spec.partition("+")
        warm, spec = int(head[7:]), rest or "constant"
    if spec not in ("constant", "cosine"):
        raise SystemExit("schedule: constant, cosine or warmup:W[+constant|+cosine]")

    def factor(e):
        if e < warm:
            return (e + 1) / warm
        if spec == "cosine":
            return 0.5 * (1 + math.cos(math.pi * (e - warm) / (epochs - warm)))
        return 1.0
    return factor


def main():
    a = dict(s.split("=", 1) for s in sys.argv[1:])
    kind = a.get("kind", "transformer")
    dtype = torch.float64 if a.get("dtype", "float32") == "float64" else torch.float32
    epochs, threads = int(a.get("epochs", 600)), int(a.get("threads", 1))
    lr, wd, clip, target = float(a.get("lr", 1e-3)), float(a.get("wd", 1e-6)), float(a.get("clip", 0)), float(a.get("target", 0.01))
    torch.set_num_threads(threads)
    z = np.load(a["data"].rstrip("/") + "/dataset.npz")
    v, m = int(z["V"]), int(z["m"])
    counts = np.zeros((m, v))
    counts[z["support_context"], z["support_token"]] = z["count"]
    n = counts.sum()
    prob = counts / counts.sum(1, keepdims=True)
    pi = counts.sum(1) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = float(-(pi[:, None] * np.where(prob > 0, prob * np.log(prob), 0)).sum())
    contexts = torch.from_numpy(z["contexts"].astype(np.int64))
    target_rows = torch.from_numpy(counts / n).to(dtype)
    s = np.load(a["init"])
    p = {k[6:]: torch.from_numpy(np.array(s[k])).to(dtype).requires_grad_() for k in s.files if k.startswith("param.")}
    d = p["output"].shape[1]
    if kind == "transformer":
        body = Decoder(p, int(a.get("layers", 4)), int(a.get("heads", 4)), contexts.shape[1])
    elif kind == "lstm":
        body = Lstm(p, int(a.get("layers", 2)), d)
    else:
        raise SystemExit("kind: transformer or lstm")
    gains = [t for k, t in p.items() if k.endswith("norm")]
    decay = [t for k, t in p.items() if not k.endswith("norm")]
    params = decay + gains
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": gains, "weight_decay": 0.0}], lr=lr,
                            betas=(0.9, 0.999), eps=1e-8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule(a.get("schedule", "constant"), epochs))
    curve = ["epoch,ce_minus_h,seconds"]
    reached, last, wall, cpu = -1, float("nan"), 0.0, 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    e = 0
    for e in range(epochs):
        opt.zero_grad(set_to_none=True)
        loss = -(target_rows * torch.log_softmax(body(contexts) @ p["output"].T, dim=1)).sum()
        loss.backward()
        if clip > 0:
            torch.nn.utils.clip_grad_norm_(params, clip)
        opt.step()
        sched.step()
        last = float(loss) - entropy
        t = time.perf_counter() - t0
        curve.append(f"{e},{last!r},{t!r}")
        if not math.isfinite(last):
            break
        if last <= target:
            reached, wall, cpu = e, t, time.process_time() - c0
            break
    total = time.perf_counter() - t0
    if reached < 0:
        wall, cpu = total, time.process_time() - c0
    if "curve" in a:
        with open(a["curve"], "w") as f:
            f.write("\n".join(curve) + "\n")
    print(f"{kind}\t{str(dtype)[6:]}\t{threads}\t{reached}\t{wall:.3f}\t{cpu:.3f}\t{total / (e + 1):.5f}\t{last:.5g}", flush=True)


if __name__ == "__main__":
    main()
