"""Video tokenizer: a 64x64 RGB frame <-> a 16x16 grid of tokens from a 117,649-code FSQ codebook.

Why these sizes:
- Grid 16x16 (one token per 4x4 pixel patch): the player is 8 px and moves up to 4 px per step, so an
  8x8 grid (8 px patches) would blur it into one token and cost reconstruction PSNR we need (goal 35 dB);
  the dynamics groups 2x2 tokens per transformer position, so it still attends over 64 positions a frame.
- FSQ with levels (7, 7, 7, 7, 7, 7) = 117,649 codes, 16.8 bits a token (Mentzer et al. 2023,
  https://arxiv.org/abs/2309.15505), with no codebook to collapse: every code is a point of a fixed
  grid. A 4x4 patch of the palette data holds up to 96 bits; with Genie's 1024 codes (10 bits) this
  tokenizer reached 23 dB, so a token here carries more bits. The dynamics predicts a token as its 6
  digits of 7 values (dynamics.py), so the large codebook costs no giant softmax.
- Convs run at 32x32 and 16x16 after pixel-unshuffle, so training fits a one-core CPU budget.
- What holds the PSNR near 24 dB (goal 35) is not the code: measured on 400 training and 32 held-out
  clips, 1200 steps unless said, 23.2 dB as configured; no quantization at all (a continuous 6-dim
  bottleneck) 23.6 dB at 900 steps; 24 or 32.5 bits a token 23.5 dB; 6000 steps 23.9 dB; an encoder of
  1.2 M parameters instead of 0.16 M 22.6 dB at 600 steps (22.5 as configured); 48 channels at 32x32 in
  the decoder 23.6 dB; four times the tokens (a 32x32 grid of 2x2 patches) 23.6 dB at 600 steps.
  98 % of the squared error sits in patches of two or more colours, two thirds of it in values the decoder
  puts between two palette levels, nearer the wrong one: edges it cannot place from a 4x4 patch's code and
  its neighbours'. Each of these moves the figure by a dB at most, and the decoder is paid for at run time
  (it decodes every branch of a scene's 8-branch batch: 14 ms of that batch's 100 ms budget on one thread).
  Memorising does no better: a lookup codebook of every distinct 4x4 patch of those 400 training clips
  (25,161 patches; 8.9 bits of entropy a patch) codes held-out frames at 25.4 dB by nearest patch, because
  26.6 % of the held-out patches never occur in training (the colours of a multi-colour patch come in new
  combinations), while 35 dB needs about 99.7 % of the values exact. The shapes are not what is new: the
  two-colour patches (30 % of the held-out ones) fall into 450 distinct partitions of the 16 pixels in
  300,000 training patches, and 99.5 % of the held-out ones are among them (three or more colours: 3,032
  and 86 %). But a tokenizer built to compose them does no better here: a decoder that gives every 4x4
  patch a partition into 3 slots and a colour per slot, from 32 bits a token and an encoder reading
  one-hot palette levels, reached 23.9 dB held-out and 24.7 dB on its own training frames after 1500
  steps (23.1 dB unquantized at 900): its training frames came back hardly better than held-out ones.
  This tokenizer can code exactly, but only a little variety: after 1500 steps it returns its own training
  frames at 39.6 dB from 4 clips (43.6 after 2500), 35.6 dB from 16, 27.5 dB from 64, and held-out
  frames at 11.2, 16.7, 20.8 dB (23.2 from 400 clips, above). Held-out frames need the variety of
  hundreds of clips, palettes and pictures, and fitting that variety exactly is what none of the
  variants above does in this budget.
- The decoder classifies, it does not regress: the training data are snapped to a 64-colour palette,
  4 levels a channel (data.to_palette), so for every pixel and channel it outputs 4 logits, one per
  level, trained with cross-entropy, and decodes to the expected value of the level under them. Where
  the decoder is sure (most pixels of a palette frame), that is the level's exact value; where it is not
  (edges the token cannot pin down), it is the mean of the candidates, the least-squared-error guess.
  A regression (MSE) decoder learnt to blur band edges and stayed behind: on 16 held-out clips after
  700 steps, 22.4 dB (PSNR of the pooled error) against 22.9 dB for this decoder, and taking the most
  likely level instead of the expected one gave 21.6 dB (a wrong guess costs a whole palette step, 85 of
  255). A full-colour image (the unseen drama frame) comes back near its palette-quantised self, so its
  PSNR is lower (reported separately in models/REPORT.md). The expectation is part of the exported
  decoder, whose output stays an RGB frame.

Shape key: B batch, C channels, H = W = 64 pixels, h = w = 16 token grid, N = h*w = 256 tokens,
d = len(levels) = 6 FSQ dims, K = prod(levels) = 117,649 codes, V = 4 palette levels a channel.
"""
from dataclasses import dataclass, asdict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ResBlock


@dataclass
class TokenizerConfig:
    levels: tuple = (7, 7, 7, 7, 7, 7)  # K = 117,649 codes
    width: int = 24  # channels at 32x32
    width2: int = 64  # channels at 16x16
    blocks: int = 2  # residual blocks at 16x16, per side
    palette_levels: int = 4  # V: values a channel takes in the data (data.to_palette: 0, 85, 170, 255)

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
    """encode: frames (B, 3, 64, 64) in [0, 1] -> tokens (B, N) int64; decode: tokens -> frames."""

    def __init__(self, cfg: TokenizerConfig):
        super().__init__()
        self.cfg = cfg
        c1, c2, d = cfg.width, cfg.width2, len(cfg.levels)
        # the 32x32 stage is one thin conv per side: it restores edges inside a 4x4 patch; the work is at 16x16
        self.enc_in = nn.Conv2d(3 * 4, c1, 3, padding=1)  # after unshuffle 2: (B, 12, 32, 32)
        self.enc_down = nn.Conv2d(c1 * 4, c2, 1)  # after unshuffle 2: (B, 4*c1, 16, 16)
        self.enc_blocks = nn.ModuleList(ResBlock(c2) for _ in range(cfg.blocks))
        self.enc_out = nn.Conv2d(c2, d, 1)
        self.fsq = FSQ(cfg.levels)
        self.dec_in = nn.Conv2d(d, c2, 3, padding=1)
        self.dec_blocks = nn.ModuleList(ResBlock(c2) for _ in range(cfg.blocks))
        self.dec_up = nn.Conv2d(c2, c1 * 4, 1)  # then shuffle 2: (B, c1, 32, 32)
        self.dec_mid = nn.Conv2d(c1, c1, 3, padding=1)
        V = cfg.palette_levels
        self.dec_out = nn.Conv2d(c1, 3 * V * 4, 3, padding=1)  # then shuffle 2: (B, 3*V, 64, 64) level logits
        self.register_buffer("palette", torch.arange(V).float() * (255 // (V - 1)) / 255)  # each level's value, as data.to_palette and train.to_float make it
        # 1x1 conv weights of `expected`: from channel (c*V + v)*4 + s, the value of level v (or 1) into channel c*4 + s
        values, ones = torch.zeros(3 * 4, 3 * V * 4, 1, 1), torch.zeros(3 * 4, 3 * V * 4, 1, 1)
        for c in range(3):
            for v in range(V):
                for sub in range(4):
                    values[c * 4 + sub, (c * V + v) * 4 + sub] = self.palette[v]
                    ones[c * 4 + sub, (c * V + v) * 4 + sub] = 1.0
        self.register_buffer("level_values", values, persistent=False)
        self.register_buffer("level_ones", ones, persistent=False)

    def encode_codes(self, x: torch.Tensor) -> torch.Tensor:
        h = F.silu(self.enc_in(F.pixel_unshuffle(x * 2 - 1, 2)))  # (B, c1, 32, 32)
        h = self.enc_down(F.pixel_unshuffle(h, 2))  # (B, c2, 16, 16)
        for block in self.enc_blocks:
            h = block(h)
        z = self.enc_out(F.silu(h)).permute(0, 2, 3, 1)  # (B, h, w, d)
        return self.fsq.quantize(z)  # (B, h, w, d)

    def decode_raw(self, codes: torch.Tensor) -> torch.Tensor:
        """codes (B, h, w, d) -> level logits at 32x32 before the last shuffle (B, 3*V*4, 32, 32); channel
        (c*V + v)*4 + s is level v of colour channel c at sub-pixel s of each 2x2 cell."""
        h = self.dec_in(codes.permute(0, 3, 1, 2))  # (B, c2, 16, 16)
        for block in self.dec_blocks:
            h = block(h)
        h = F.silu(F.pixel_shuffle(self.dec_up(F.silu(h)), 2))  # (B, c1, 32, 32)
        h = h + F.silu(self.dec_mid(h))  # (B, c1, 32, 32)
        return self.dec_out(h)  # (B, 3*V*4, 32, 32)

    def logits_of(self, raw: torch.Tensor) -> torch.Tensor:
        """raw (B, 3*V*4, 32, 32) -> logits (B, 3, V, H, W) over the palette levels of each pixel's channels."""
        logits = F.pixel_shuffle(raw, 2)  # (B, 3*V, 64, 64)
        return logits.view(logits.shape[0], 3, self.cfg.palette_levels, *logits.shape[2:])

    def expected(self, raw: torch.Tensor) -> torch.Tensor:
        """raw (B, 3*V*4, 32, 32) -> frames (B, 3, H, W) in [0, 1]: each channel's palette values weighed by the
        softmax of its level logits, written as sum(value * exp) / sum(exp) with two 1x1 convs at 32x32 before
        the shuffle. The same numbers as a softmax over the level axis of `logits_of` (to 1e-6), but that
        softmax runs over a strided axis and doubled the decoder's time in onnxruntime. The clamp keeps exp
        finite; trained logits stay within about +-60."""
        e = torch.exp(raw.clamp(-80.0, 80.0))
        return F.pixel_shuffle(F.conv2d(e, self.level_values) / F.conv2d(e, self.level_ones), 2)

    def decode_codes(self, codes: torch.Tensor) -> torch.Tensor:
        """codes (B, h, w, d) -> frames (B, 3, H, W): each channel's expected palette value under its logits."""
        return self.expected(self.decode_raw(codes))

    def levels_of(self, x: torch.Tensor) -> torch.Tensor:
        """frames (B, 3, H, W) in [0, 1] -> the nearest palette level of each channel (B, 3, H, W) int64."""
        return torch.round(x * (self.cfg.palette_levels - 1)).long()

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        idx = self.fsq.codes_to_indices(self.encode_codes(x))  # (B, h, w)
        return idx.flatten(1)  # (B, N)

    def decode(self, tokens: torch.Tensor) -> torch.Tensor:
        g = self.cfg.grid
        codes = self.fsq.indices_to_codes(tokens.view(-1, g, g))  # (B, h, w, d)
        return self.decode_codes(codes)  # (B, 3, H, W), palette values in [0, 1]

    def forward(self, x: torch.Tensor) -> dict:
        # --- quantize, reconstruct, and count codes for the usage monitor ---
        codes = self.encode_codes(x)  # (B, h, w, d)
        raw = self.decode_raw(codes)  # (B, 3*V*4, 32, 32)
        loss = F.cross_entropy(self.logits_of(raw).transpose(1, 2), self.levels_of(x))  # over the V levels of every pixel's channels
        recon = self.expected(raw.detach())  # (B, 3, H, W)
        return {"recon": recon, "loss": loss, "mse": F.mse_loss(recon, x), "tokens": self.fsq.codes_to_indices(codes.detach()).flatten(1)}
