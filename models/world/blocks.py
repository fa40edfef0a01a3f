"""The residual conv block the tokenizer and the latent action model are built of, with optional FiLM
(Perez et al. 2018, https://arxiv.org/abs/1709.07871): the LAM's decoder conditions every block on the
action that way. The dynamics' transformer blocks are its own (dynamics.STBlock).

Shape key: B batch, C channels, H, W height and width.
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
