#!/usr/bin/env python3
"""Train a small PyTorch language model on an ntpgeo dataset and export its embeddings for `ntpgeo run import`.

The model: input-token embedding -> concatenation of the T-1 positions -> MLP -> RMS norm = h_j (the context state
the output layer sees), and an output layer WITHOUT bias (so that the logits are exactly W h_j). It is trained
full-batch on the NTP objective of the dataset (soft labels c[z, j] / n), as ntpgeo trains its own models.

Every --every epochs it writes DIR/epoch-NNNNNN.npz with
    W      V x d   the output layer's weight, rows in the order of the dataset's `tokens` (next-token vocabulary)
    H      d x m   the context states, columns in the order of the dataset's `contexts`
    epoch  int64
and prints the final cross-entropy computed by PyTorch (for comparison with ntpgeo's metrics.csv).

    /usr/bin/python3 docs/examples/export_torch.py --data ds --out exported --epochs 300
    ./ntpgeo run import --data ds --checkpoints exported --model torch-mlp --out run-torch
"""
import argparse
import os

import numpy as np
import torch


class Model(torch.nn.Module):
    def __init__(self, input_vocab, width, vocab, d):
        super().__init__()
        self.embed = torch.nn.Embedding(input_vocab, d)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(width * d, 4 * d), torch.nn.GELU(), torch.nn.Linear(4 * d, d))
        self.lm_head = torch.nn.Linear(d, vocab, bias=False)  # no bias: logits = W h exactly

    def context_states(self, contexts):
        x = self.embed(contexts).flatten(1)
        h = self.mlp(x)
        return h / torch.sqrt(h.pow(2).mean(dim=1, keepdim=True) + 1e-6)  # RMS norm: the last layer's output

    def forward(self, contexts):
        return self.lm_head(self.context_states(contexts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--every", type=int, default=100)
    ap.add_argument("--dim", type=int, default=32)
    args = ap.parse_args()
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float64)

    ds = np.load(os.path.join(args.data, "dataset.npz"))
    vocab, m = int(ds["V"]), int(ds["m"])
    contexts = torch.from_numpy(ds["contexts"].astype(np.int64))  # m x (T-1) input-token ids, in the dataset's order
    targets = torch.zeros(m, vocab)  # soft labels c[z, j] / n
    targets[torch.from_numpy(ds["support_context"].astype(np.int64)), torch.from_numpy(ds["support_token"].astype(np.int64))] = \
        torch.from_numpy(ds["count"].astype(np.float64))
    targets /= targets.sum()

    model = Model(int(contexts.max()) + 1, contexts.shape[1], vocab, args.dim)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=1e-4)
    os.makedirs(args.out, exist_ok=True)

    def export(epoch):
        model.eval()
        with torch.no_grad():
            H = model.context_states(contexts)  # m x d
            W = model.lm_head.weight            # V x d
            np.savez(os.path.join(args.out, f"epoch-{epoch:06d}.npz"),
                     W=W.double().numpy(), H=H.double().numpy().T, epoch=np.int64(epoch))
            return -(targets * torch.log_softmax(H @ W.T, dim=1)).sum().item()

    for epoch in range(args.epochs + 1):
        if epoch % args.every == 0 or epoch == args.epochs:
            ce = export(epoch)
        if epoch == args.epochs:
            break
        model.train()
        opt.zero_grad()
        loss = -(targets * torch.log_softmax(model(contexts), dim=1)).sum()
        loss.backward()
        opt.step()
    print(repr(ce))


if __name__ == "__main__":
    main()
