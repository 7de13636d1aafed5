#!/usr/bin/env python3
"""PyTorch reference timing for ntpgeo's neural models (same architectures, sizes and optimiser as NeuralBench).

Seconds per full-batch AdamW epoch at the authors' size: V=104, m=404, T-1=5, d=128; Llama-style decoder with
4 layers / 4 heads (RMSNorm, SwiGLU 4d, causal attention, no positional encoding, final RMSNorm, last position),
2-layer LSTM + RMSNorm, MLP (2 hidden layers of 4d, GELU) + RMSNorm; bias-free output layer; soft-label loss
-sum (c/n) log softmax(H W^T). Prints: kind dtype threads wall_s_per_epoch cpu_s_per_epoch params loss.

Usage: neural_torch.py [epochs=20] [threads=1] [float32|float64] [kinds=transformer,lstm,mlp]
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

EPS = 1e-6


class RMSNorm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + EPS) * self.weight


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.attn_norm = RMSNorm(d)
        self.mlp_norm = RMSNorm(d)
        self.wq = nn.Linear(d, d, bias=False)
        self.wk = nn.Linear(d, d, bias=False)
        self.wv = nn.Linear(d, d, bias=False)
        self.wo = nn.Linear(d, d, bias=False)
        self.gate = nn.Linear(d, 4 * d, bias=False)
        self.up = nn.Linear(d, 4 * d, bias=False)
        self.down = nn.Linear(4 * d, d, bias=False)

    def attention(self, x, mask):
        b, t, d = x.shape
        dh = d // self.heads
        q = self.wq(x).view(b, t, self.heads, dh).transpose(1, 2)
        k = self.wk(x).view(b, t, self.heads, dh).transpose(1, 2)
        v = self.wv(x).view(b, t, self.heads, dh).transpose(1, 2)
        s = q @ k.transpose(-1, -2) / dh ** 0.5 + mask
        o = s.softmax(-1) @ v
        return self.wo(o.transpose(1, 2).reshape(b, t, d))

    def forward(self, x, mask):
        x = x + self.attention(self.attn_norm(x), mask)
        h = self.mlp_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Decoder(nn.Module):
    def __init__(self, v, w, d, layers, heads):
        super().__init__()
        self.embed = nn.Embedding(v, d)
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.norm = RMSNorm(d)
        self.register_buffer("mask", torch.triu(torch.full((w, w), float("-inf")), 1))

    def forward(self, tokens):
        x = self.embed(tokens)
        for b in self.blocks:
            x = b(x, self.mask)
        return self.norm(x[:, -1, :])


class Lstm(nn.Module):
    def __init__(self, v, d, layers):
        super().__init__()
        self.embed = nn.Embedding(v, d)
        self.lstm = nn.LSTM(d, d, layers, batch_first=True)
        self.norm = RMSNorm(d)

    def forward(self, tokens):
        out, _ = self.lstm(self.embed(tokens))
        return self.norm(out[:, -1, :])


class Mlp(nn.Module):
    def __init__(self, v, w, d, layers):
        super().__init__()
        self.embed = nn.Embedding(v, d)
        dims = [w * d] + [4 * d] * layers + [d]
        self.linears = nn.ModuleList([nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:])])
        self.norm = RMSNorm(d)

    def forward(self, tokens):
        x = self.embed(tokens).flatten(1)
        for i, lin in enumerate(self.linears):
            x = lin(x)
            if i < len(self.linears) - 1:
                x = F.gelu(x)
        return self.norm(x)


def data(v, m, w, gen):
    tokens = torch.randint(0, v, (m, w), generator=gen)
    counts = torch.zeros(m, v)
    for j in range(m):
        k = int(torch.randint(1, 9, (1,), generator=gen))
        z = torch.randperm(v, generator=gen)[:k]
        counts[j, z] = torch.randint(1, 5, (k,), generator=gen).float()
    return tokens, counts / counts.sum()


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    dtype = torch.float64 if len(sys.argv) > 3 and sys.argv[3] == "float64" else torch.float32
    kinds = (sys.argv[4] if len(sys.argv) > 4 else "transformer,lstm,mlp").split(",")
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    v, m, w, d = 104, 404, 5, 128
    tokens, target = data(v, m, w, torch.Generator().manual_seed(1))
    target = target.to(dtype)
    for kind in kinds:
        body = {"transformer": lambda: Decoder(v, w, d, 4, 4), "lstm": lambda: Lstm(v, d, 2),
                "mlp": lambda: Mlp(v, w, d, 2)}[kind]().to(dtype)
        out = nn.Linear(d, v, bias=False).to(dtype)
        params = list(body.parameters()) + list(out.parameters())
        gains = [p for n, p in body.named_parameters() if "norm" in n]
        decay = [p for p in params if all(p is not g for g in gains)]
        opt = torch.optim.AdamW([{"params": decay, "weight_decay": 1e-4}, {"params": gains, "weight_decay": 0.0}],
                                lr=1e-3)

        def epoch():
            opt.zero_grad()
            loss = -(target * F.log_softmax(out(body(tokens)), dim=1)).sum()
            loss.backward()
            opt.step()
            return loss

        for _ in range(5):
            epoch()
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(epochs):
            loss = epoch()
        wall = (time.perf_counter() - t0) / epochs
        cpu = (time.process_time() - c0) / epochs
        n = sum(p.numel() for p in params)
        print(f"{kind}\t{str(dtype)[6:]}\t{threads}\t{wall:.6f}\t{cpu:.6f}\t{n}\tloss={float(loss):.6f}", flush=True)


if __name__ == "__main__":
    main()
