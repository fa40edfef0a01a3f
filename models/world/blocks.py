"""Blocks shared by the three stages: a residual conv block with optional FiLM, a transformer block.

Shape key: B batch, C channels, H, W height and width, L sequence length, D model width.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResBlock(nn.Module):
    """Two 3x3 convs with a skip; `film` (B, 2C) scales and shifts the middle activation when given."""

    def __init__(self, channels: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(8, channels)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.norm2 = nn.GroupNorm(8, channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, film: torch.Tensor = None) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))  # (B, C, H, W)
        h = self.norm2(h)
        if film is not None:
            gamma, beta = film.chunk(2, dim=1)  # (B, C) each
            h = h * (1 + gamma[:, :, None, None]) + beta[:, :, None, None]
        return x + self.conv2(F.silu(h))  # (B, C, H, W)


class SelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        assert dim % heads == 0
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, L, D = x.shape
        q, k, v = self.qkv(x).split(D, dim=2)  # (B, L, D) each
        q, k, v = (t.view(B, L, self.heads, D // self.heads).transpose(1, 2) for t in (q, k, v))  # (B, h, L, hs)
        att = (q @ k.transpose(-2, -1)) * (1.0 / (D // self.heads) ** 0.5)  # (B, h, L, L)
        y = att.softmax(dim=-1) @ v  # (B, h, L, hs); written out rather than F.sdpa so ONNX opset 17 exports it
        return self.proj(y.transpose(1, 2).reshape(B, L, D))  # (B, L, D)


class TransformerBlock(nn.Module):
    """Pre-norm block, as in nanoGPT, without a causal mask: MaskGIT attends both ways."""

    def __init__(self, dim: int, heads: int, mlp_ratio: int = 4):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp_ratio * dim), nn.GELU(), nn.Linear(mlp_ratio * dim, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln1(x))  # (B, L, D)
        return x + self.mlp(self.ln2(x))  # (B, L, D)
