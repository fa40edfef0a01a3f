"""Latent action model (LAM): which of A = 8 discrete actions turns frame t into frame t+1?

The encoder reads the motion between frame t and frame t+1 from their pixels: a cost volume (as in
FlowNet, https://arxiv.org/abs/1504.06852) says, for every pixel of t+1 and every displacement of up to
4 px, how well frame t shifted that way matches it, in units of the frame's own contrast (a dark drama
still moves as visibly as a bright game); a softmin turns that into votes. Convs over the votes of each
4x4 patch (where things moved: a figure, or the whole view, outwards for a push-in) and the votes of the
whole frame give one vector, snapped to the nearest of 8 codebook vectors (a VQ bottleneck). The encoder
sees nothing but motion, so its codes cluster transitions by motion, not by what the picture shows.

The decoder must predict frame t+1 from frame t and that code only, so the code has to carry "what
moved where". It is a dynamic-filter predictor (Finn et al. 2016, https://arxiv.org/abs/1605.07157;
De Brabandere et al. 2016): conditioned on the action it predicts, for every 4x4 patch, a softmax
over 7x7 displacements and moves frame t's pixels accordingly, plus a small residual for new content.
Its loss weighs the pixels that change, so that a figure's move counts as much as a pan of the view.
After training only the encoder and codebook are used: to label training clips for the dynamics, and
to read the actions of a real clip at evaluation.

Against collapse to one or two actions (a known pitfall): a small action set, cosine-similarity
codes set by k-means after a short warm-up with a continuous latent (`init_codes`), FiLM conditioning
of every decoder block on the action, a usage term that rewards spreading the batch over all codes
(the entropy of the mean soft assignment, as in clustering losses such as IIC), and dead-code resets
onto the worst-predicted transitions (`reset_dead`), with the usage watched during training. The
training is still seed-sensitive, so several short runs are started and the best carried on
(lam_training.py). Measurements of these choices: models/REPORT.md, "What we tried".

Shape key: B batch, P = past frames, H = W = 64, C = 3, A actions, E code dim, c channels,
m = (2 * reach + 1)^2 candidate displacements.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ResBlock


@dataclass
class LAMConfig:
    actions: int = 8  # |A|, as in the issue; Genie used 8 as well
    past: int = 2  # frames t-1 and t; the sticky agent makes a longer past give the action away
    code_dim: int = 32
    width: int = 32
    blocks: int = 2  # decoder blocks, each FiLM-conditioned on the action
    kernel: int = 7  # displacement window of the decoder: moves of up to 3 px; a 4 px move (agent.py) is 3 px plus
    # the residual (a window of 9 trained worse: left and right shared codes)
    reach: int = 4  # the encoder's cost volume compares displacements of up to 4 px (a move is 4 px)
    vote_temperature: float = 0.1  # of the cost volume's softmin, in units of frame t's contrast
    beta: float = 0.25  # commitment weight (VQ-VAE)
    recon_scale: float = 100.0  # the reconstruction loss in units of 1/100 of the squared pixel range, so that it,
    # not the VQ and usage terms, drives the encoder (with a plain mean it was the smallest term, and the codes
    # spread evenly over the batch by whatever feature was at hand, not by motion)
    usage_weight: float = 0.05  # weight of (log A - entropy of the batch's mean assignment)
    tau: float = 0.1  # temperature of the soft assignment used by the usage term only
    changed_weight: float = 80.0  # loss weight of pixels that change between t and t+1, against 1 for the rest
    warmup_share: float = 0.1  # share of steps with a continuous latent before k-means sets the codes
    reset_every: int = 50  # steps between dead-code checks: a code chosen by < 1/4 of its fair share is re-seeded

    def to_dict(self):
        return asdict(self)


class ActionQuantizer(nn.Module):
    """Nearest of A unit vectors by cosine similarity, straight-through gradients, usage counts for the monitor."""

    def __init__(self, actions: int, dim: int):
        super().__init__()
        self.codebook = nn.Parameter(F.normalize(torch.randn(actions, dim), dim=1))
        self.register_buffer("usage", torch.zeros(actions))

    def forward(self, z: torch.Tensor, tau: float = 0.1):
        z = F.normalize(z, dim=1)  # (B, E)
        book = F.normalize(self.codebook, dim=1)  # (A, E)
        sim = z @ book.t()  # (B, A)
        idx = sim.argmax(dim=1)  # (B,)
        q = book[idx]  # (B, E)
        if self.training:
            self.usage += torch.bincount(idx, minlength=len(book)).float()
        vq_loss = F.mse_loss(q, z.detach()) + F.mse_loss(z, q.detach())  # codebook + commitment (beta applied by caller)
        mean_p = F.softmax(sim / tau, dim=1).mean(0)  # (A,), the batch's soft share of each code
        usage_loss = math.log(len(book)) + (mean_p * torch.log(mean_p + 1e-9)).sum()  # 0 when all codes share evenly
        return z + (q - z).detach(), idx, vq_loss, usage_loss

    @torch.no_grad()
    def reset_dead(self, z: torch.Tensor, err: torch.Tensor) -> int:
        """Codes chosen by under a quarter of their fair share since the last check move onto the encoder
        outputs z (M, E) of the batch's worst-predicted transitions (err (M,)): where a new code is most
        needed, as when k-means splits its worst cluster. Returns how many moved."""
        share = self.usage / self.usage.sum().clamp(min=1)
        dead = torch.nonzero(share < 0.25 / len(self.codebook)).flatten()
        if len(dead):
            pick = err.topk(len(dead)).indices
            self.codebook.data[dead] = F.normalize(z[pick] + 0.01 * torch.randn_like(z[pick]), dim=1)
        self.usage.zero_()
        return len(dead)

    @torch.no_grad()
    def init_codes(self, z: torch.Tensor, iters: int = 20) -> None:
        """Spherical k-means on encoder outputs z (M, E), seeded by farthest-point picks."""
        z = F.normalize(z, dim=1)
        centers = [z[0]]
        for _ in range(1, len(self.codebook)):
            sim = torch.stack(centers) @ z.t()  # (k, M)
            centers.append(z[sim.max(0).values.argmin()])
        c = torch.stack(centers)  # (A, E)
        for _ in range(iters):
            idx = (z @ c.t()).argmax(1)
            for a in range(len(c)):
                if (idx == a).any():
                    c[a] = F.normalize(z[idx == a].mean(0), dim=0)
        self.codebook.data.copy_(c)
        self.usage.zero_()


class LatentActionModel(nn.Module):
    def __init__(self, cfg: LAMConfig):
        super().__init__()
        self.cfg = cfg
        c, P = cfg.width, cfg.past
        # encoder: (P + 1 frames + 1 difference) * 3 channels, unshuffled by 4 -> 16x16
        m = (2 * cfg.reach + 1) ** 2  # candidate displacements of the cost volume
        self.enc_in = nn.Conv2d(m + 1, c, 3, padding=1)  # motion votes and changed share of each 4x4 patch
        self.enc_body = nn.Sequential(
            ResBlock(c), nn.Conv2d(c, c, 4, stride=2, padding=1),  # (B, c, 8, 8)
            ResBlock(c), nn.Conv2d(c, c, 4, stride=2, padding=1), nn.SiLU(),  # (B, c, 4, 4)
        )
        self.enc_out = nn.Linear(c * 16 + m, cfg.code_dim)
        self.vq = ActionQuantizer(cfg.actions, cfg.code_dim)
        # decoder: frame t unshuffled by 4 -> 16x16 with the action code as extra channels, FiLM in every block
        self.dec_in = nn.Conv2d(3 * 16 + cfg.code_dim, c, 3, padding=1)
        self.dec_blocks = nn.ModuleList(ResBlock(c) for _ in range(cfg.blocks))
        self.dec_film = nn.ModuleList(nn.Linear(cfg.code_dim, 2 * c) for _ in range(cfg.blocks))
        self.dec_kernel = nn.Conv2d(c, cfg.kernel ** 2, 3, padding=1)  # displacement logits per 4x4 patch
        self.dec_out = nn.Conv2d(c, 3 * 16, 3, padding=1)  # residual, for content the displacements cannot bring

    def motion(self, frame: torch.Tensor, nxt: torch.Tensor) -> torch.Tensor:
        """A cost volume (as in FlowNet): for every pixel of frame t+1 and every displacement d within
        `reach`, how well frame t shifted by d matches it; a softmin turns the costs into votes.
        frame, nxt (B, 3, H, W) -> votes (B, m, H, W) summing to 1 over the m displacements. Both frames are
        first scaled by frame t's contrast (its standard deviation), so that a dark, low-contrast drama still
        votes as clearly as a bright game frame: the costs are in units of the picture's own contrast."""
        r = self.cfg.reach
        H, W = frame.shape[2:]
        mean, std = frame.mean((1, 2, 3), keepdim=True), frame.std((1, 2, 3), keepdim=True) + 0.02
        frame, nxt = (frame - mean) / std, (nxt - mean) / std
        padded = F.pad(frame, [r] * 4, mode="replicate")
        cost = torch.stack([(padded[:, :, dy:dy + H, dx:dx + W] - nxt).abs().mean(1)
                            for dy in range(2 * r + 1) for dx in range(2 * r + 1)], dim=1)  # (B, m, H, W)
        return F.softmax(-cost / self.cfg.vote_temperature, dim=1)

    def encode_latent(self, past: torch.Tensor, nxt: torch.Tensor) -> torch.Tensor:
        """past (B, P, 3, H, W), nxt (B, 3, H, W) in [0, 1] -> continuous latent (B, E).
        The encoder reads motion only: the displacement votes of every 4x4 patch and whether it changed
        (where they sit tells a figure from the view, and a push-in's outward moves from a pull-out's
        inward ones), and the votes of the whole frame."""
        frame = past[:, -1]
        votes = self.motion(frame, nxt)  # (B, m, H, W)
        changed = ((nxt - frame).abs().sum(1, keepdim=True) > 1e-3).float()  # (B, 1, H, W)
        x = torch.cat([F.avg_pool2d(votes, 4), F.avg_pool2d(changed, 4)], dim=1)  # (B, m + 1, 16, 16)
        h = self.enc_body(self.enc_in(x))  # (B, c, 4, 4)
        return self.enc_out(torch.cat([h.flatten(1), votes.mean((2, 3)) * 10], dim=1))  # (B, E)

    def encode(self, past: torch.Tensor, nxt: torch.Tensor) -> torch.Tensor:
        """The action index (B,) int64: all that the dynamics and the evaluation need."""
        return self.vq(self.encode_latent(past, nxt))[1]

    def decode(self, past: torch.Tensor, action_code: torch.Tensor) -> torch.Tensor:
        """past (B, P, 3, H, W), action_code (B, E) -> predicted next frame (B, 3, H, W), from frame t only."""
        x = F.pixel_unshuffle(past[:, -1] * 2 - 1, 4)  # (B, 48, 16, 16)
        code = action_code[:, :, None, None].expand(-1, -1, *x.shape[2:])  # (B, E, 16, 16)
        h = self.dec_in(torch.cat([x, code], dim=1))  # (B, c, 16, 16)
        for block, film in zip(self.dec_blocks, self.dec_film):
            h = block(h, film(action_code))  # (B, c, 16, 16)
        h = F.silu(h)
        k, frame = self.cfg.kernel, past[:, -1]
        B, _, H, W = frame.shape
        weights = F.softmax(self.dec_kernel(h), dim=1)  # (B, k*k, 16, 16)
        weights = F.interpolate(weights, size=(H, W), mode="nearest")  # (B, k*k, H, W)
        padded = F.pad(frame, [k // 2] * 4, mode="replicate")
        windows = F.unfold(padded, k).view(B, 3, k * k, H, W)  # each pixel's k x k neighbourhood
        moved = (windows * weights[:, None]).sum(2)  # (B, 3, H, W)
        return moved + 0.1 * F.pixel_shuffle(self.dec_out(h), 4)  # (B, 3, H, W)

    def forward(self, past: torch.Tensor, nxt: torch.Tensor, quantize: bool = True) -> dict:
        # --- infer the action from the transition (continuous during the warm-up) ---
        z = self.encode_latent(past, nxt)  # (B, E)
        q, idx, vq_loss, usage_loss = self.vq(z, self.cfg.tau)  # (B, E), (B,)
        if not quantize:
            q, vq_loss, usage_loss = F.normalize(z, dim=1), vq_loss.detach() * 0, usage_loss.detach() * 0
        # --- predict the next frame from the past and the action alone ---
        pred = self.decode(past, q)  # (B, 3, H, W)
        # --- weigh the pixels that change: a small sprite's move then counts about as much as a whole-image
        # pan, so the 8 codes are spent on directions of every kind of clip, not on pans alone ---
        changed = ((nxt - past[:, -1]).abs().sum(1, keepdim=True) > 1e-3).float()  # (B, 1, H, W)
        w = 1 + self.cfg.changed_weight * changed
        err = ((pred - nxt) ** 2 * w).flatten(1).sum(1) / (3 * w.flatten(1).sum(1))  # (B,)
        recon = err.mean()
        return {"pred": pred, "action": idx, "z": z.detach(), "err": err.detach(), "recon": recon,
                "usage_loss": usage_loss, "loss": self.cfg.recon_scale * recon + self.cfg.beta * vq_loss + self.cfg.usage_weight * usage_loss}
