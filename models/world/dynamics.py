"""Dynamics: a MaskGIT spatio-temporal transformer that predicts the next frame's tokens from past tokens and a latent action.

Input: the tokens of the last T frames (context), one latent action, and the next frame's tokens with
some replaced by MASK. Output: for every next-frame token, logits over the levels of each of its d FSQ
digits (a token is d digits of `levels` values; see tokenizer.py). Predicting the digits, not one of
K = prod(levels) codes, keeps the head and the sampler small (8 x 8 logits a token instead of 16,777,216).
Training masks a random share of the next frame (cosine schedule, as MaskGIT); sampling starts from
all-MASK and, over `steps` refinements, keeps the most confident predictions (`sample`).

Architecture (Genie's ST-transformer, https://arxiv.org/abs/2402.15391): each block attends within a
frame (spatial), then along time at the same position (temporal, causal), then an MLP. Because the
temporal attention is causal and the action conditions only the predicted frame (FiLM in every block,
plus its embedding added to the frame's input), the context frames' activations never depend on the
next frame or the action. `context_kv` computes them once, as the keys and values the next frame's
temporal attention reads, and `step` runs the next frame alone against that cache (and the last context
frame's tokens, the copy prior below): the Node runtime calls `context_kv` once per press (one sample,
shared by all 8 branches) and `step` once per MaskGIT refinement for the 8 branches in one batch.
Training runs the same two functions back to back.

The step's logits start from a copy prior: the digits of the last frame's token at the same place or one
token away (times `copy_gain`), each token weighing the 9 shifts by a softmax the network predicts
(`shift_head`: the action picks the shift, a move in the data being one token, 4 px: agent.py). Training
also tells those weights which shifts hold the next frame's token, so that a stand-still copies the
picture and a pan moves it whole, token for token, and only what comes into view is new. Training mixes
the shifts by their weights; sampling (and the export) copies each token from its likeliest shift
(`copied`), so that a token is copied whole and never blended from its neighbours' digits.

Each frame's 16x16 tokens are grouped 2x2 into 8x8 positions (the embeddings of the 4 tokens are
summed; the head emits the 4 tokens' logits), so a position covers 8x8 pixels and a frame is 64 positions.

Shape key: B batch, Bc batch of the cache (1 or B), T context frames, N = 256 tokens a frame,
G = 64 positions a frame (2x2 groups), S = 9 shifts of the copy prior, d digits a token, V levels a digit, A actions, D width, Y layers.
"""
import math
from dataclasses import dataclass, asdict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class DynamicsConfig:
    levels: tuple = (8, 8, 8, 8, 8, 8, 8, 8)  # the tokenizer's FSQ levels: d = 8 digits of V = 8 values
    actions: int = 8  # A, from the latent action model
    context: int = 4  # T past frames (the issue: at least 4)
    grid: int = 16  # tokens per side
    dim: int = 64
    layers: int = 4
    heads: int = 4
    mlp_ratio: int = 2
    steps: int = 4  # MaskGIT refinements at sampling (`sample`, the runtime): 4 keeps the 8-branch batch within
    # 100 ms on one CPU thread (the issue suggests 8-10), and the copy prior settles most tokens early
    temperature: float = 1.0  # set after training (evaluate.choose_temperature: best ΔtPSNR); the runtime's default
    changed_weight: float = 4.0  # training: extra loss weight of next-frame tokens unlike the last frame's (they carry the action)
    context_noise: float = 0.05  # training: largest share of context tokens made random (rollouts' contexts are imperfect)
    copy_weight: float = 1.0  # training: weight of the copy prior's own term (`loss`)

    @property
    def codebook_size(self) -> int:
        return int(np.prod(self.levels))

    @property
    def mask_id(self) -> int:
        return self.codebook_size  # the token id of MASK, one past the last code

    def to_dict(self):
        return {**asdict(self), "codebook_size": self.codebook_size, "mask_id": self.mask_id}


def group2x2(tokens: torch.Tensor, grid: int) -> torch.Tensor:
    """(..., N) -> (..., G, 4): the 4 tokens of each 2x2 cell, cells in row-major order."""
    lead = tokens.shape[:-1]
    g = tokens.reshape(*lead, grid // 2, 2, grid // 2, 2)
    g = g.transpose(-3, -2)  # (..., gh, gw, 2, 2)
    return g.reshape(*lead, (grid // 2) ** 2, 4)


def ungroup2x2(x: torch.Tensor, grid: int) -> torch.Tensor:
    """(B, G, 4, ...) -> (B, N, ...), the inverse of group2x2 on the token axes."""
    B, rest = x.shape[0], x.shape[3:]
    x = x.reshape(B, grid // 2, grid // 2, 2, 2, *rest).transpose(2, 3)  # (B, gh, 2, gw, 2, ...)
    return x.reshape(B, grid * grid, *rest)


class Attention(nn.Module):
    """Multi-head attention, written out (no F.sdpa) so that ONNX opset 17 exports it."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        """(..., L, D) -> (..., h, L, hs)"""
        *lead, L, D = x.shape
        return x.reshape(*lead, L, self.heads, D // self.heads).transpose(-3, -2)

    def merge(self, x: torch.Tensor) -> torch.Tensor:
        """(..., h, L, hs) -> (..., L, D)"""
        x = x.transpose(-3, -2)
        return x.reshape(*x.shape[:-2], x.shape[-2] * x.shape[-1])

    def forward(self, x: torch.Tensor, causal: bool = False) -> torch.Tensor:
        """Self-attention over the second-to-last axis of x (..., L, D)."""
        q, k, v = (self.split(t) for t in self.qkv(x).chunk(3, dim=-1))  # (..., h, L, hs)
        att = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (..., h, L, L)
        if causal:
            L = x.shape[-2]
            att = att.masked_fill(torch.ones(L, L, dtype=torch.bool).triu(1), float("-inf"))
        return self.proj(self.merge(att.softmax(-1) @ v))


class STBlock(nn.Module):
    """Spatial attention, causal temporal attention, MLP; pre-norm. `film` (B, 6D) modulates the three
    normalised inputs of the predicted frame by the action (scale and shift each)."""

    def __init__(self, dim: int, heads: int, mlp_ratio: int):
        super().__init__()
        self.ln_s, self.ln_t, self.ln_m = nn.LayerNorm(dim), nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.spatial = Attention(dim, heads)
        self.temporal = Attention(dim, heads)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp_ratio * dim), nn.GELU(), nn.Linear(mlp_ratio * dim, dim))

    def context(self, x: torch.Tensor):
        """Context frames x (Bc, T, G, D) -> their output, and the temporal keys and values (Bc, 2, T, G, D)."""
        x = x + self.spatial(self.ln_s(x))  # attends within each frame
        h = self.ln_t(x).transpose(1, 2)  # (Bc, G, T, D): time is the attended axis
        q, k, v = self.temporal.qkv(h).chunk(3, dim=-1)  # (Bc, G, T, D)
        att = self.temporal.split(q) @ self.temporal.split(k).transpose(-2, -1) / math.sqrt(q.shape[-1] // self.temporal.heads)
        T = x.shape[1]
        att = att.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        x = x + self.temporal.proj(self.temporal.merge(att.softmax(-1) @ self.temporal.split(v))).transpose(1, 2)
        x = x + self.mlp(self.ln_m(x))
        return x, torch.stack([k, v], dim=1).transpose(2, 3)  # (Bc, 2, T, G, D)

    def step(self, x: torch.Tensor, kv: torch.Tensor, film: torch.Tensor) -> torch.Tensor:
        """The predicted frame x (B, G, D) against the cached context kv (Bc, 2, T, G, D) -> (B, G, D)."""
        g = film[:, None].chunk(6, dim=-1)  # 6 x (B, 1, D)
        att = self.spatial
        x = x + att(self.ln_s(x) * (1 + g[0]) + g[1])
        # --- temporal: each position's query reads the same position in the T context frames and itself ---
        h = self.ln_t(x) * (1 + g[2]) + g[3]
        q, k, v = self.temporal.qkv(h).chunk(3, dim=-1)  # (B, G, D)
        heads, hs = self.temporal.heads, x.shape[-1] // self.temporal.heads
        q = q.reshape(*q.shape[:2], heads, 1, hs)  # (B, G, h, 1, hs)
        k_self, v_self = k.reshape(q.shape), v.reshape(q.shape)
        kc = kv[:, 0].transpose(1, 2).reshape(kv.shape[0], kv.shape[3], kv.shape[2], heads, hs).transpose(2, 3)  # (Bc, G, h, T, hs)
        vc = kv[:, 1].transpose(1, 2).reshape(kc.shape[0], kc.shape[1], kc.shape[3], heads, hs).transpose(2, 3)
        scores = torch.cat([q @ kc.transpose(-2, -1), (q * k_self).sum(-1, keepdim=True)], dim=-1) / math.sqrt(hs)  # (B, G, h, 1, T+1)
        p = scores.softmax(-1)
        y = p[..., :-1] @ vc + p[..., -1:] * v_self  # (B, G, h, 1, hs); the cache broadcasts over branches
        x = x + self.temporal.proj(y.reshape(x.shape))
        return x + self.mlp(self.ln_m(x) * (1 + g[4]) + g[5])


class Dynamics(nn.Module):
    def __init__(self, cfg: DynamicsConfig):
        super().__init__()
        self.cfg = cfg
        d, V, D, G = len(cfg.levels), max(cfg.levels), cfg.dim, (cfg.grid // 2) ** 2
        # a row per (place in the 2x2 cell, digit, value) and per place for MASK: a cell sums its rows (multi-hot x W)
        self.cell_emb = nn.Linear(4 * d * V + 4, D, bias=False)
        self.pos_emb = nn.Parameter(torch.zeros(G, D))
        self.time_emb = nn.Parameter(torch.zeros(cfg.context + 1, 1, D))
        self.action_emb = nn.Embedding(cfg.actions, D)
        self.action_film = nn.Linear(D, cfg.layers * 6 * D)
        self.blocks = nn.ModuleList(STBlock(D, cfg.heads, cfg.mlp_ratio) for _ in range(cfg.layers))
        self.ln_f = nn.LayerNorm(D)
        self.head = nn.Linear(D, 4 * d * V)
        # --- the copy prior (module docstring): the step sees the last frame's token at each position, and
        # `shift_head` weighs its 9 shifts; `loss` teaches it which shifts hold the right token ---
        self.prev_proj = nn.Linear(D, D)
        self.copy_gain = nn.Parameter(torch.tensor(3.0))
        self.register_buffer("shifts", torch.tensor([(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]))  # (S, 2)
        self.shift_head = nn.Linear(D, 4 * len(self.shifts))
        nn.init.zeros_(self.shift_head.weight)
        with torch.no_grad():
            self.shift_head.bias.copy_(4.0 * (self.shifts.abs().sum(1) == 0).float().repeat(4))  # starts near "same place"
        for p in (self.pos_emb, self.time_emb):
            nn.init.normal_(p, std=0.02)
        nn.init.zeros_(self.action_film.weight)  # FiLM starts as the identity
        nn.init.zeros_(self.action_film.bias)
        basis = torch.cumprod(torch.tensor([1] + list(cfg.levels[:-1])), 0)
        self.register_buffer("basis", basis.long())  # token index -> digits, as tokenizer.FSQ
        self.register_buffer("radix", torch.tensor(cfg.levels).long())
        self.register_buffer("offset", (torch.arange(4)[:, None] * d + torch.arange(d)[None]) * V)  # (4, d) first rows
        self.register_buffer("mask_row", (4 * d * V + torch.arange(4))[:, None].expand(4, d).contiguous())  # (4, d)

    def embed(self, tokens: torch.Tensor) -> torch.Tensor:
        """tokens (B, F, N) int64, MASK allowed -> (B, F, G, D): sum of the digit embeddings of each 2x2 cell."""
        cells = group2x2(tokens, self.cfg.grid)  # (B, F, G, 4)
        masked = (cells == self.cfg.mask_id)[..., None]  # (B, F, G, 4, 1)
        digits = torch.remainder(torch.div(cells[..., None], self.basis, rounding_mode="floor"), self.radix)  # (B, F, G, 4, d)
        rows = torch.where(masked, self.mask_row, digits + self.offset).flatten(-2)  # (B, F, G, 4d)
        hot = torch.zeros(*rows.shape[:-1], self.cell_emb.in_features).scatter(-1, rows, 1.0)  # (B, F, G, 4dV+4)
        return self.cell_emb(hot) + self.pos_emb  # (B, F, G, D)

    def context_kv(self, context: torch.Tensor) -> torch.Tensor:
        """context (Bc, T, N) int64 -> kv (Bc, Y, 2, T, G, D): every block's temporal keys and values."""
        assert context.shape[1] == self.cfg.context
        x = self.embed(context) + self.time_emb[:-1]  # (Bc, T, G, D)
        kvs = []
        for block in self.blocks:
            x, kv = block.context(x)
            kvs.append(kv)
        return torch.stack(kvs, dim=1)

    def step(self, kv: torch.Tensor, last: torch.Tensor, action: torch.Tensor, next_tokens: torch.Tensor, shifts: bool = False):
        """kv (Bc, Y, 2, T, G, D) and last (Bc, N) int64, the last context frame, with Bc 1 or B; action (B,)
        int64, next_tokens (B, N) int64 with MASK where unknown -> logits (B, N, d, V) for each digit of
        each next-frame token (and, with `shifts`, the copy prior's weights of the shifts (B, N, S))."""
        cfg = self.cfg
        a = self.action_emb(action)  # (B, D)
        films = self.action_film(a).chunk(cfg.layers, dim=-1)  # Y x (B, 6D)
        prev = self.prev_proj(self.embed(last[:, None])[:, 0])  # (Bc, G, D)
        x = self.embed(next_tokens[:, None])[:, 0] + prev + self.time_emb[-1] + a[:, None]  # (B, G, D)
        for y, block in enumerate(self.blocks):
            x = block.step(x, kv[:, y], films[y])
        h = self.ln_f(x)
        d, V, S = len(cfg.levels), max(cfg.levels), len(self.shifts)
        logits = ungroup2x2(self.head(h).reshape(x.shape[0], x.shape[1], 4, d, V), cfg.grid)  # (B, N, d, V)
        weights = ungroup2x2(self.shift_head(h).reshape(x.shape[0], x.shape[1], 4, S), cfg.grid).softmax(-1)  # (B, N, S)
        logits = logits + self.copy_gain * (self.copied(weights)[:, :, None] @ self.shifted_digits(last)).view(logits.shape)
        return (logits, weights) if shifts else logits

    def copied(self, weights: torch.Tensor) -> torch.Tensor:
        """The shift weights (B, N, S) the copy prior applies. Sampling copies the one most likely shift of each
        token: the soft mix adds up the digits of different tokens, digit by digit, into a token that is none
        of them and decodes to a blend, and press after press the picture blurred. Training keeps the soft
        mix, whose gradient teaches the shift head (copying the hard choice there, straight-through, made
        32-press runs worse; REPORT.md, "What we tried")."""
        if self.training:
            return weights
        return F.one_hot(weights.argmax(-1), weights.shape[-1]).to(weights.dtype)

    def shifted_digits(self, last: torch.Tensor) -> torch.Tensor:
        """last (Bc, N) -> (Bc, N, S, d*V): for each token and each shift (dy, dx), the one-hot digits of the
        last frame's token at (y + dy, x + dx); zeros where that falls outside the frame."""
        g, V = self.cfg.grid, max(self.cfg.levels)
        hot = (self.digits(last)[..., None] == torch.arange(V)).float().flatten(-2)  # (Bc, N, d*V)
        hot = F.pad(hot.view(hot.shape[0], g, g, -1), (0, 0, 1, 1, 1, 1))  # (Bc, g+2, g+2, d*V)
        shifted = [hot[:, 1 + dy:1 + dy + g, 1 + dx:1 + dx + g] for dy, dx in self.shifts.tolist()]
        return torch.stack(shifted, dim=3).flatten(1, 2)  # (Bc, N, S, d*V)

    def forward(self, context: torch.Tensor, action: torch.Tensor, next_tokens: torch.Tensor) -> torch.Tensor:
        return self.step(self.context_kv(context), context[:, -1], action, next_tokens)

    def digits(self, tokens: torch.Tensor) -> torch.Tensor:
        """(..., N) codes -> (..., N, d) digits."""
        return torch.remainder(torch.div(tokens[..., None], self.basis, rounding_mode="floor"), self.radix)

    def loss(self, context: torch.Tensor, action: torch.Tensor, target: torch.Tensor) -> dict:
        """MaskGIT training: mask a cosine-scheduled random share of the target frame (B, N), predict it. A second term
        teaches the copy prior where to copy from: for every next-frame token one of the last frame's 9 shifts holds,
        the log of the weight those shifts get (the data's own copies, no action read; REPORT.md: without it, it hedged)."""
        B, N = target.shape
        ratio = torch.cos(math.pi / 2 * torch.rand(B, 1))  # (B, 1), share of tokens masked
        masked = torch.rand(B, N) < ratio  # (B, N)
        masked[torch.arange(B), torch.randint(N, (B,))] = True  # at least one masked token
        inp = torch.where(masked, torch.full_like(target, self.cfg.mask_id), target)
        changed = (target != context[:, -1])[masked]  # (M,), tokens the action moved, before the noise below
        noisy = torch.rand(context.shape) < self.cfg.context_noise * torch.rand(B, 1, 1)
        context = torch.where(noisy, torch.randint_like(context, self.cfg.codebook_size), context)
        logits, weights = self.step(self.context_kv(context), context[:, -1], action, inp, shifts=True)  # (B, N, d, V), (B, N, S)
        g, padded = self.cfg.grid, F.pad(context[:, -1].view(-1, self.cfg.grid, self.cfg.grid), (1, 1, 1, 1), value=-1)
        shifted = torch.stack([padded[:, 1 + dy:1 + dy + g, 1 + dx:1 + dx + g] for dy, dx in self.shifts.tolist()], dim=3)
        holds = target[..., None] == shifted.flatten(1, 2)  # (B, N, S): the shifts of the last frame that hold the token
        copyable = holds.any(-1)  # (B, N)
        copy_nll = -torch.log((weights * holds).sum(-1)[copyable] + 1e-6).mean() if copyable.any() else logits.sum() * 0
        logits = logits[masked]  # (M, d, V)
        truth = self.digits(target)[masked]  # (M, d)
        ce = F.cross_entropy(logits.flatten(0, 1), truth.flatten(), reduction="none").view(truth.shape)  # (M, d)
        w = 1 + self.cfg.changed_weight * changed.float()  # (M,)
        loss = (ce.mean(-1) * w).sum() / w.sum() + self.cfg.copy_weight * copy_nll
        acc = (logits.argmax(-1) == truth).all(-1).float().mean()  # whole tokens right
        return {"loss": loss, "acc": acc}

    @torch.no_grad()
    def sample(self, context: torch.Tensor, action: torch.Tensor, steps: int = None, temperature: float = None,
               generator: torch.Generator = None) -> torch.Tensor:
        """MaskGIT decoding: context (Bc, T, N), action (B,) -> next tokens (B, N).
        Each step samples every digit of every masked token, then keeps the most confident tokens (sum of
        their digits' log-probabilities) so that after step s a share cos(pi/2 * (s+1)/steps) stays
        masked; confidence gets Gumbel noise that fades out. models/runtime/maskgit.ts is the same loop."""
        steps = steps or self.cfg.steps
        temperature = self.cfg.temperature if temperature is None else temperature
        kv, last = self.context_kv(context), context[:, -1]
        B, N = action.shape[0], self.cfg.grid ** 2
        tokens = torch.full((B, N), self.cfg.mask_id, dtype=torch.long)
        for s in range(steps):
            masked = tokens == self.cfg.mask_id  # (B, N)
            logits = self.step(kv, last, action, tokens)  # (B, N, d, V)
            if temperature > 0:
                probs = F.softmax(logits / temperature, dim=-1)
                draw = torch.multinomial(probs.reshape(-1, probs.shape[-1]), 1, generator=generator).view(probs.shape[:-1])
            else:
                probs = F.softmax(logits, dim=-1)
                draw = logits.argmax(-1)  # (B, N, d)
            conf = torch.log(probs.gather(-1, draw[..., None])[..., 0] + 1e-9).sum(-1)  # (B, N)
            if temperature > 0:
                u = torch.rand(B, N, generator=generator).clamp(1e-9, 1 - 1e-9)
                conf = conf + temperature * (1 - (s + 1) / steps) * -torch.log(-torch.log(u))
            conf = torch.where(masked, conf, torch.full_like(conf, float("inf")))  # known tokens stay
            keep_masked = int(N * math.cos(math.pi / 2 * (s + 1) / steps))
            tokens = torch.where(masked, (draw * self.basis).sum(-1), tokens)
            if keep_masked > 0:
                lowest = conf.topk(keep_masked, dim=1, largest=False).indices  # (B, keep_masked)
                tokens.scatter_(1, lowest, self.cfg.mask_id)
        return tokens
