"""Dynamics: a MaskGIT transformer that predicts the next frame's tokens from past tokens and a latent action.

Input: the tokens of the last T frames (context), one latent action, and the next frame's tokens with
some replaced by MASK. Output: logits over the K codes for every next-frame token. Training masks a
random share of the next frame (cosine schedule, as MaskGIT); sampling starts from all-MASK and, over
`steps` refinements, keeps the most confident predictions (`sample`). The Node runtime runs the same
loop around the exported `forward` (see export.py), so `forward` holds no sampling logic.

Sequence layout: each frame's 16x16 tokens are grouped 2x2 into 8x8 positions (the 4 token embeddings
are summed; the head emits 4 sets of logits), so a position covers 8x8 pixels and T+1 frames make
(T+1)*64 positions, cheap enough for one CPU core. The action is prepended as its own token *and*
added to every next-frame position, so the model cannot ignore it (a known pitfall).

Shape key: B batch, T context frames, N = 256 tokens a frame, G = 64 positions a frame (2x2 groups),
K codes, A actions, D width.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import TransformerBlock


@dataclass
class DynamicsConfig:
    codebook_size: int = 1000  # K, from the tokenizer
    actions: int = 8  # A, from the latent action model
    context: int = 4  # T past frames (the issue: at least 4)
    grid: int = 16  # tokens per side
    dim: int = 128
    layers: int = 4
    heads: int = 4
    steps: int = 8  # MaskGIT refinement steps at sampling (the issue: 8-10 worked)
    temperature: float = 1.0  # sampling temperature; evaluate.py may use its own

    @property
    def mask_id(self) -> int:
        return self.codebook_size  # one extra embedding row

    def to_dict(self):
        return asdict(self)


def group2x2(tokens: torch.Tensor, grid: int) -> torch.Tensor:
    """(..., N) -> (..., G, 4): the 4 tokens of each 2x2 cell, cells in row-major order."""
    lead = tokens.shape[:-1]
    g = tokens.reshape(*lead, grid // 2, 2, grid // 2, 2)
    g = g.transpose(-3, -2)  # (..., gh, gw, 2, 2)
    return g.reshape(*lead, (grid // 2) ** 2, 4)


def ungroup2x2(x: torch.Tensor, grid: int) -> torch.Tensor:
    """(B, G, 4, K) -> (B, N, K), the inverse of group2x2 on the token axes."""
    B, K = x.shape[0], x.shape[-1]
    x = x.reshape(B, grid // 2, grid // 2, 2, 2, K).transpose(2, 3)  # (B, gh, 2, gw, 2, K)
    return x.reshape(B, grid * grid, K)


class Dynamics(nn.Module):
    def __init__(self, cfg: DynamicsConfig):
        super().__init__()
        self.cfg = cfg
        K, D, G = cfg.codebook_size, cfg.dim, (cfg.grid // 2) ** 2
        self.token_emb = nn.Embedding(4 * (K + 1), D)  # one table per place in the 2x2 cell, MASK included
        self.pos_emb = nn.Parameter(torch.zeros(1, 1, G, D))
        self.time_emb = nn.Parameter(torch.zeros(1, cfg.context + 1, 1, D))
        self.action_emb = nn.Embedding(cfg.actions, D)
        self.action_film = nn.Linear(D, 2 * D)
        self.blocks = nn.ModuleList(TransformerBlock(D, cfg.heads) for _ in range(cfg.layers))
        self.ln_f = nn.LayerNorm(D)
        self.head = nn.Linear(D, 4 * K)
        nn.init.normal_(self.pos_emb, std=0.02)
        nn.init.normal_(self.time_emb, std=0.02)
        self.register_buffer("place", torch.arange(4) * (K + 1))  # offsets into token_emb per place

    def forward(self, context: torch.Tensor, action: torch.Tensor, next_tokens: torch.Tensor) -> torch.Tensor:
        """context (B, T, N) int64, action (B,) int64, next_tokens (B, N) int64 with MASK where unknown
        -> logits (B, N, K) for the next frame."""
        cfg = self.cfg
        B, T, N = context.shape
        assert T == cfg.context and N == cfg.grid ** 2
        # --- embed: sum the 4 tokens of each 2x2 cell, add place in frame and time ---
        frames = torch.cat([context, next_tokens[:, None]], dim=1)  # (B, T+1, N)
        cells = group2x2(frames, cfg.grid) + self.place  # (B, T+1, G, 4)
        x = self.token_emb(cells).sum(dim=3) + self.pos_emb + self.time_emb  # (B, T+1, G, D)
        # --- condition on the action: FiLM on next-frame positions, plus a prepended action token ---
        a = self.action_emb(action)  # (B, D)
        gamma, beta = self.action_film(a).chunk(2, dim=1)  # (B, D) each
        nxt = x[:, T] * (1 + gamma[:, None]) + beta[:, None]  # (B, G, D)
        x = torch.cat([a[:, None], x[:, :T].flatten(1, 2), nxt], dim=1)  # (B, 1 + (T+1)*G, D)
        # --- transformer, then logits for the next frame's positions only ---
        for block in self.blocks:
            x = block(x)
        G = nxt.shape[1]
        h = self.ln_f(x[:, -G:])  # (B, G, D)
        logits = self.head(h).view(B, G, 4, cfg.codebook_size)  # (B, G, 4, K)
        return ungroup2x2(logits, cfg.grid)  # (B, N, K)

    def loss(self, context: torch.Tensor, action: torch.Tensor, target: torch.Tensor) -> dict:
        """MaskGIT training: mask a cosine-scheduled random share of the target frame (B, N), predict it."""
        B, N = target.shape
        ratio = torch.cos(math.pi / 2 * torch.rand(B, 1))  # (B, 1), share of tokens masked
        masked = torch.rand(B, N) < ratio  # (B, N)
        masked[torch.arange(B), torch.randint(N, (B,))] = True  # at least one masked token
        inp = torch.where(masked, torch.full_like(target, self.cfg.mask_id), target)
        logits = self(context, action, inp)  # (B, N, K)
        loss = F.cross_entropy(logits[masked], target[masked])
        acc = (logits.argmax(-1) == target)[masked].float().mean()
        return {"loss": loss, "acc": acc}

    @torch.no_grad()
    def sample(self, context: torch.Tensor, action: torch.Tensor, steps: int = None, temperature: float = None,
               generator: torch.Generator = None) -> torch.Tensor:
        """MaskGIT decoding: context (B, T, N), action (B,) -> next tokens (B, N).
        Each step samples every masked token, then keeps the most confident ones so that after step s
        a share cos(pi/2 * (s+1)/steps) stays masked; confidence gets Gumbel noise that fades out."""
        steps = steps or self.cfg.steps
        temperature = self.cfg.temperature if temperature is None else temperature
        B, T, N = context.shape
        tokens = torch.full((B, N), self.cfg.mask_id, dtype=torch.long)
        for s in range(steps):
            masked = tokens == self.cfg.mask_id  # (B, N)
            logits = self(context, action, tokens)  # (B, N, K)
            if temperature > 0:
                probs = F.softmax(logits / temperature, dim=-1)
                draw = torch.multinomial(probs.view(-1, probs.shape[-1]), 1, generator=generator).view(B, N)
            else:
                probs, draw = F.softmax(logits, dim=-1), logits.argmax(-1)
            conf = torch.log(probs.gather(-1, draw[..., None])[..., 0] + 1e-9)  # (B, N)
            if temperature > 0:
                u = torch.rand(B, N, generator=generator).clamp(1e-9, 1 - 1e-9)
                conf = conf + temperature * (1 - (s + 1) / steps) * -torch.log(-torch.log(u))
            conf = torch.where(masked, conf, torch.full_like(conf, float("inf")))  # known tokens stay
            keep_masked = int(N * math.cos(math.pi / 2 * (s + 1) / steps))
            tokens = torch.where(masked, draw, tokens)
            if keep_masked > 0:
                lowest = conf.topk(keep_masked, dim=1, largest=False).indices  # (B, keep_masked)
                tokens.scatter_(1, lowest, self.cfg.mask_id)
        return tokens
