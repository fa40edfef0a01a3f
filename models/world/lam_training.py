"""Training the latent action model: several short runs, and the one that predicts validation clips best
carried on (`train_lam`).

The LAM's training is seed-sensitive (a run can leave a motion without a code of its own, which costs
consistency), and a poor run shows early in a higher reconstruction error of its decoder on clips it
never trained on. So the command starts `lam_candidates` runs (seeds seed, seed+1, ...), trains each
`lam_trial_steps`, and carries on to `lam_steps` the one with the lowest error: a choice that reads no
true action. Each run has its own random streams (`LAMRun`), so a run carried on is step for step the
run its seed would have made alone.

Shape key: n clips, L frames a clip, B batch.
"""
import numpy as np
import torch
from tqdm import tqdm

from .batches import every_transition, lam_batch, schedule
from .latent_actions import LAMConfig, LatentActionModel


class LAMRun:
    """One training run of the latent action model with its own random streams (model init, batches,
    dead-code resets), so that several runs can be started, paused and one of them carried on."""

    def __init__(self, cfg, frames: np.ndarray, seed: int):
        self.cfg, self.frames, self.seed, self.step = cfg, frames, seed, 0
        outer_state = torch.get_rng_state()
        torch.manual_seed(seed)
        self.model = LatentActionModel(LAMConfig())
        self.torch_state = torch.get_rng_state()
        torch.set_rng_state(outer_state)
        self.rng = np.random.default_rng(seed)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg.lam_lr, weight_decay=0.0)

    def train_until(self, until: int) -> LatentActionModel:
        cfg, model, frames, rng = self.cfg, self.model, self.frames, self.rng
        n, L = frames.shape[:2]
        warmup = int(model.cfg.warmup_share * cfg.lam_steps)
        outer_state = torch.get_rng_state()
        torch.set_rng_state(self.torch_state)
        model.train()
        bar = tqdm(range(self.step, until), desc=f"latent actions (seed {self.seed})", mininterval=10)
        for step in bar:
            schedule(self.opt, step, cfg.lam_steps, cfg.lam_lr)  # one schedule over lam_steps, however the run is split
            if step == warmup:  # --- end of the warm-up: k-means on fresh latents sets the codebook ---
                sizes = [min(256, cfg.lam_kmeans_samples - i) for i in range(0, cfg.lam_kmeans_samples, 256)]
                with torch.no_grad():
                    zs = [model.encode_latent(*lam_batch(frames, rng.integers(n, size=k), rng.integers(L - 1, size=k), model.cfg.past))
                          for k in sizes]
                model.vq.init_codes(torch.cat(zs))
            ci, ti = rng.integers(n, size=cfg.lam_batch), rng.integers(L - 1, size=cfg.lam_batch)
            past, nxt = lam_batch(frames, ci, ti, model.cfg.past)
            out = model(past, nxt, quantize=step >= warmup)
            self.opt.zero_grad()
            out["loss"].backward()
            self.opt.step()
            # --- usage monitor and dead-code resets: codes chosen since the last check ---
            if step % model.cfg.reset_every == model.cfg.reset_every - 1:
                used = int((model.vq.usage > 0).sum())
                moved = 0
                if warmup <= step < int(0.9 * cfg.lam_steps):  # no resets in the last tenth: the codes settle
                    moved = model.vq.reset_dead(out["z"], out["err"])
                model.vq.usage.zero_()
                bar.set_postfix(recon=f"{out['recon'].item():.5f}", used=used, reset=moved)
        self.step = max(self.step, until)
        self.torch_state = torch.get_rng_state()
        torch.set_rng_state(outer_state)
        return model.eval()


@torch.no_grad()
def lam_validation_error(model: LatentActionModel, frames: np.ndarray, batch: int = 256) -> float:
    """The LAM decoder's mean reconstruction error (its loss's recon term) over every transition of
    `frames`: validation clips, whose true actions are not read."""
    n, L = frames.shape[:2]
    total = sum(model(past, nxt)["recon"].item() * len(nxt) for past, nxt in every_transition(frames, model.cfg.past, batch))
    return total / (n * (L - 1))


def train_lam(cfg, frames: np.ndarray, validation: np.ndarray) -> tuple:
    """Start `lam_candidates` runs, train each for `lam_trial_steps`, carry on to `lam_steps` the one whose
    decoder predicts the validation clips best. Returns the model and {seed: validation error at the trial's end}."""
    runs = [LAMRun(cfg, frames, cfg.seed + k) for k in range(cfg.lam_candidates)]
    trial = min(cfg.lam_trial_steps, cfg.lam_steps)
    errors = {run.seed: lam_validation_error(run.train_until(trial), validation) for run in runs}
    best = runs[int(np.argmin(list(errors.values())))]
    print("latent action runs, validation error after", trial, "steps:",
          {seed: round(e, 5) for seed, e in errors.items()}, "-> carrying on seed", best.seed, flush=True)
    return best.train_until(cfg.lam_steps), errors
