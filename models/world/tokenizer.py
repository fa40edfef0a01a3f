"""Video tokenizer: a 64x64 RGB frame <-> a 16x16 grid of tokens, each a code of an FSQ codebook.

Why these sizes (measured in models/REPORT.md, "What we tried"):
- Grid 16x16, one token per 4x4 pixel patch: a move of the view is 4 px (agent.py), so a move shifts
  tokens whole and the dynamics copies them from the neighbour; the dynamics groups 2x2 tokens per
  transformer position, so it attends over 64 positions a frame.
- FSQ (Mentzer et al. 2023, https://arxiv.org/abs/2309.15505): each token is `len(levels)` digits, each
  rounded to one of its levels; no codebook to collapse, every code a point of a fixed grid. The
  dynamics predicts a token as its digits (dynamics.py), so a large codebook costs no giant softmax.
- 8 digits of 8 levels, 24 bits a 4x4 patch: a film still needs the detail of about 8 principal
  components of its patches, a held-out clip more (REPORT.md); codes stay below 2^24, an integer every
  layer (JSON, uint32 storage, the runtime's typed arrays) holds exactly.
- Full colour, regressed: the decoder outputs RGB directly and is trained on the mean squared error,
  the PSNR's own measure. The frames a viewer starts from are film stills and photographs, so there is
  no palette to snap to.
- A linear codec beside the network (`init_linear`): each digit starts as one principal component of
  the 4x4 patches, the decoder adds them back. A small network trained in minutes on one core comes
  back blurred; this one works from the first step, and the convs learn what it misses.
- Convs run at 32x32 and 16x16 after pixel-unshuffle, so training fits a one-core CPU budget, and the
  decoder, which runs on every branch of a scene's 8-branch batch, stays within its share of 100 ms.

Shape key: B batch, C channels, H = W = 64 pixels, h = w = 16 token grid, N = h*w = 256 tokens,
d = len(levels) FSQ digits, K = prod(levels) codes.
"""
from dataclasses import dataclass, asdict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ResBlock


@dataclass
class TokenizerConfig:
    levels: tuple = (8, 8, 8, 8, 8, 8, 8, 8)  # K = 2^24 = 16,777,216 codes: 24 bits a 4x4 patch
    width: int = 32  # channels at 32x32
    width2: int = 96  # channels at 16x16
    blocks: int = 2  # residual blocks at 16x16, per side

    @property
    def grid(self) -> int:
        return 16  # tokens per side: 64 px / 4 px patches (two pixel-unshuffles by 2)

    @property
    def codebook_size(self) -> int:
        return int(np.prod(self.levels))

    def to_dict(self):
        return {**asdict(self), "grid": self.grid, "codebook_size": self.codebook_size}


class FSQ(nn.Module):
    """Finite scalar quantization: bound each dim with tanh, round to its levels, pass gradients straight through."""

    def __init__(self, levels):
        super().__init__()
        L = torch.tensor(levels, dtype=torch.float32)
        half = (L - 1) * (1 - 1e-3) / 2
        offset = torch.where(L % 2 == 0, 0.5, 0.0)  # even level counts sit between integers
        self.register_buffer("levels", L)
        self.register_buffer("half_range", half)
        self.register_buffer("offset", offset)
        self.register_buffer("shift", torch.atanh(offset / half))
        self.register_buffer("half_width", torch.floor(L / 2))
        basis = torch.cumprod(torch.tensor([1] + list(levels[:-1])), 0)
        self.register_buffer("basis", basis.long())  # mixed-radix digits -> code index

    def quantize(self, z: torch.Tensor) -> torch.Tensor:
        """z (B, h, w, d) float -> codes (B, h, w, d) in [-1, 1], rounded, straight-through."""
        bounded = torch.tanh(z + self.shift) * self.half_range - self.offset
        rounded = bounded + (torch.round(bounded) - bounded).detach()
        return rounded / self.half_width

    def codes_to_indices(self, codes: torch.Tensor) -> torch.Tensor:
        digits = torch.round(codes * self.half_width + self.half_width).long()  # (B, h, w, d) in [0, L)
        return (digits * self.basis).sum(dim=-1)  # (B, h, w)

    def indices_to_codes(self, idx: torch.Tensor) -> torch.Tensor:
        digits = torch.remainder(torch.div(idx[..., None], self.basis, rounding_mode="floor"), self.levels.long())
        return (digits.float() - self.half_width) / self.half_width  # (B, h, w, d)


class Tokenizer(nn.Module):
    """encode: frames (B, 3, 64, 64) in [0, 1] -> tokens (B, N) int64; decode: tokens -> frames in [0, 1]."""

    def __init__(self, cfg: TokenizerConfig):
        super().__init__()
        self.cfg = cfg
        c1, c2, d = cfg.width, cfg.width2, len(cfg.levels)
        # the 32x32 stage is one conv per side: it places edges inside a 4x4 patch; the work is at 16x16
        self.enc_in = nn.Conv2d(3 * 4, c1, 3, padding=1)  # after unshuffle 2: (B, 12, 32, 32)
        self.enc_down = nn.Conv2d(c1 * 4, c2, 1)  # after unshuffle 2: (B, 4*c1, 16, 16)
        self.enc_blocks = nn.ModuleList(ResBlock(c2) for _ in range(cfg.blocks))
        self.enc_out = nn.Conv2d(c2, d, 1)
        self.fsq = FSQ(cfg.levels)
        self.dec_in = nn.Conv2d(d, c2, 3, padding=1)
        self.dec_blocks = nn.ModuleList(ResBlock(c2) for _ in range(cfg.blocks))
        self.dec_up = nn.Conv2d(c2, c1 * 4, 1)  # then shuffle 2: (B, c1, 32, 32)
        self.dec_mid = nn.Conv2d(c1, c1, 3, padding=1)
        self.dec_out = nn.Conv2d(c1, 3 * 4, 3, padding=1)  # then shuffle 2: (B, 3, 64, 64)
        # a linear codec beside the network: each 4x4 patch to its d digits and back (init_linear sets it to
        # the patches' principal components); the convs learn what it misses, from a codec that works at step 0
        self.lin_enc = nn.Conv2d(3 * 16, d, 1)  # on pixel_unshuffle(x, 4): (B, 48, 16, 16)
        self.lin_dec = nn.Conv2d(d, 3 * 16, 1)  # then pixel_shuffle 4: (B, 3, 64, 64)
        nn.init.zeros_(self.dec_out.weight)
        nn.init.zeros_(self.dec_out.bias)

    @torch.no_grad()
    def init_linear(self, x: torch.Tensor) -> None:
        """Sets the linear codec from frames x (M, 3, 64, 64): digit k reads the k-th principal component of
        the 4x4 patches, scaled so that two of its standard deviations reach the edge of the digit's range."""
        d = len(self.cfg.levels)
        p = F.pixel_unshuffle(x * 2 - 1, 4).permute(0, 2, 3, 1).reshape(-1, 48)  # (M*N, 48)
        mu = p.mean(0)
        _, sv, vt = torch.linalg.svd(p - mu, full_matrices=False)
        sigma = sv[:d] / (len(p) - 1) ** 0.5  # (d,)
        w = vt[:d] / (2 * sigma[:, None])  # (d, 48)
        self.lin_enc.weight.copy_(w[:, :, None, None])
        self.lin_enc.bias.copy_(-(w @ mu))
        self.lin_dec.weight.copy_((vt[:d].t() * 2 * sigma[None])[:, :, None, None])
        self.lin_dec.bias.copy_(mu)

    def encode_codes(self, x: torch.Tensor) -> torch.Tensor:
        h = F.silu(self.enc_in(F.pixel_unshuffle(x * 2 - 1, 2)))  # (B, c1, 32, 32)
        h = self.enc_down(F.pixel_unshuffle(h, 2))  # (B, c2, 16, 16)
        for block in self.enc_blocks:
            h = block(h)
        z = (self.enc_out(F.silu(h)) + self.lin_enc(F.pixel_unshuffle(x * 2 - 1, 4))).permute(0, 2, 3, 1)  # (B, h, w, d)
        return self.fsq.quantize(z)  # (B, h, w, d)

    def decode_codes(self, codes: torch.Tensor) -> torch.Tensor:
        """codes (B, h, w, d) -> frames (B, 3, H, W), unclamped (the loss sees them so; `decode` clamps)."""
        c = codes.permute(0, 3, 1, 2)  # (B, d, 16, 16)
        h = self.dec_in(c)  # (B, c2, 16, 16)
        for block in self.dec_blocks:
            h = block(h)
        h = F.silu(F.pixel_shuffle(self.dec_up(F.silu(h)), 2))  # (B, c1, 32, 32)
        h = h + F.silu(self.dec_mid(h))  # (B, c1, 32, 32)
        return (F.pixel_shuffle(self.dec_out(h), 2) + F.pixel_shuffle(self.lin_dec(c), 4)) * 0.5 + 0.5  # (B, 3, H, W)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        idx = self.fsq.codes_to_indices(self.encode_codes(x))  # (B, h, w)
        return idx.flatten(1)  # (B, N)

    def decode(self, tokens: torch.Tensor) -> torch.Tensor:
        g = self.cfg.grid
        codes = self.fsq.indices_to_codes(tokens.view(-1, g, g))  # (B, h, w, d)
        return self.decode_codes(codes).clamp(0, 1)  # (B, 3, H, W)

    def forward(self, x: torch.Tensor) -> dict:
        codes = self.encode_codes(x)  # (B, h, w, d)
        recon = self.decode_codes(codes)  # (B, 3, H, W)
        loss = F.mse_loss(recon, x)
        return {"recon": recon.detach().clamp(0, 1), "loss": loss, "mse": loss.detach(),
                "tokens": self.fsq.codes_to_indices(codes.detach()).flatten(1)}
