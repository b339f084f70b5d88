"""The PyTorch side of `make bench-train`: the same Llama-style model as our pipeline
(RMSNorm, rotary embeddings with rotate-half, SwiGLU, tied embeddings), AdamW, float32 on
the CPU, trained for the same steps at the same batch and sequence length. Batches are
random token ids: speed does not depend on which tokens they are. Prints tokens/s."""

import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

vocab, d, layers, heads, ff, ctx, batch, steps, threads = (
    int(a) for a in sys.argv[1:10]
)
torch.set_num_threads(threads)
torch.manual_seed(0)
head_dim = d // heads


class RMSNorm(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rope_tables():
    inv = 1.0 / (10000 ** (torch.arange(0, head_dim, 2).float() / head_dim))
    angles = torch.outer(torch.arange(ctx).float(), inv)
    angles = torch.cat([angles, angles], dim=-1)
    return angles.cos(), angles.sin()


COS, SIN = rope_tables()


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat([-b, a], dim=-1)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = RMSNorm(), RMSNorm()
        self.q, self.k, self.v, self.o = (nn.Linear(d, d, bias=False) for _ in range(4))
        self.gate, self.up = nn.Linear(d, ff, bias=False), nn.Linear(d, ff, bias=False)
        self.down = nn.Linear(ff, d, bias=False)

    def forward(self, x):
        b, t, _ = x.shape
        h = self.norm1(x)
        q, k, v = (
            p(h).view(b, t, heads, head_dim).transpose(1, 2) for p in (self.q, self.k, self.v)
        )
        cos, sin = COS[:t], SIN[:t]
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.o(y.transpose(1, 2).reshape(b, t, d))
        h = self.norm2(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.blocks = nn.ModuleList(Block() for _ in range(layers))
        self.norm = RMSNorm()

    def forward(self, ids):
        x = self.embed(ids)
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embed.weight.T


model = Model()
for p in model.parameters():
    if p.dim() == 2:
        nn.init.normal_(p, std=0.02)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, betas=(0.9, 0.95), weight_decay=0.1)
warmup = 5
start = None
for step in range(steps):
    if step == warmup:
        start = time.perf_counter()
    ids = torch.randint(0, vocab, (batch, ctx + 1))
    logits = model(ids[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, vocab), ids[:, 1:].reshape(-1))
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
elapsed = time.perf_counter() - start
params = sum(p.numel() for p in model.parameters())
tokens_per_s = (steps - warmup) * batch * ctx / elapsed
print(f"pytorch {torch.__version__}: {params / 1e6:.2f} M parameters, "
      f"{1000 * elapsed / (steps - warmup):.0f} ms/step, {tokens_per_s:.0f} tokens/s")
print(f"tokens_per_s={tokens_per_s:.1f}")
