"""The one command: data -> latent actions -> tokenizer -> dynamics -> choices on validation clips -> ONNX
export -> evaluation and models/REPORT.md.

    npm run train:world            # = OMP_NUM_THREADS=1 /usr/bin/python3 -m models.world.train
    python3 -m models.world.train --quick --out /tmp/w   # tiny settings, for the smoke test

Each stage runs on one CPU thread with a fixed seed (its own random streams, so the result does not depend
on what ran beside it). The latent action model is trained on pixels (the best of a few short runs is
carried on, chosen by its error on validation clips: lam_training.py), then frozen, and labels every
training transition once. The tokenizer is trained on single frames, in a second process beside the
latent action model where the machine has a second core (neither reads the other: `tokenizer_beside`);
all frames are then tokenized once; the dynamics trains on those tokens and labels (cheaper on one
core than training the dynamics and the LAM jointly). On validation clips, the dynamics' sampling
temperature is chosen, each latent action is named by the true action it most often coincides with, and
the named controls that move the picture as named become the viewer's buttons (evaluate.choose_temperature,
evaluate.name_actions, evaluate.learned_controls): naming is the only place a true action is read before the
report. Checkpoints (each with its config) go to `<cache>/`, ONNX files and parity fixtures to `<out>/`,
the report to `<report>`.

Shape key: n clips, L frames a clip, N tokens a frame.
"""
import argparse
import multiprocessing
import os
import time
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from .batches import dyn_batch, label_actions, schedule, to_float, tokenize
from .data import KINDS, ClipConfig, make_dataset, train_seeds, validation_seeds
from .dynamics import Dynamics, DynamicsConfig
from .evaluate import choose_temperature, evaluate, held_out_clips, learned_controls, name_actions
from .export import export
from .lam_training import train_lam
from .tokenizer import Tokenizer, TokenizerConfig

ROOT = Path(__file__).resolve().parents[1]  # models/


@dataclass
class TrainConfig:
    seed: int = 0
    train_clips: int = 1400
    held_out_clips: int = 64  # of each kind: the report's set (c) of start frames
    drama_clips: int = 96  # held-out drama clips for ΔtPSNR(4) and consistency (1,440 transitions)
    eval_stills: int = 0  # drama stills the scenes are played from: 0 for all of them
    tok_steps: int = 17000  # on 32 px crops, beside the LAM on the second core (`tokenizer_beside`): about 31 min
    tok_batch: int = 32
    tok_crop: int = 32  # px a side of the training crops (`crops`); 64 trains on whole frames
    tok_lr: float = 2e-3
    lam_candidates: int = 3  # LAM runs started (seeds seed..seed+2); the best after lam_trial_steps is carried on
    lam_trial_steps: int = 200
    lam_steps: int = 1200
    lam_batch: int = 32
    lam_kmeans_samples: int = 1024  # transitions whose latents the k-means clusters at the end of the warm-up
    lam_lr: float = 1e-3
    dyn_steps: int = 2000
    dyn_batch: int = 24
    dyn_lr: float = 1e-3
    validation_clips: int = 96  # the LAM run kept, the sampling temperature and the action names are chosen on these
    out: str = str(ROOT / "artifacts")
    report: str = str(ROOT / "REPORT.md")
    cache: str = str(ROOT / "world" / ".cache")


QUICK = dict(train_clips=8, held_out_clips=2, drama_clips=2, eval_stills=3, tok_steps=3, tok_batch=4, lam_candidates=2, lam_trial_steps=2, lam_steps=3,
             lam_batch=4, lam_kmeans_samples=32, dyn_steps=3, dyn_batch=2, validation_clips=6)


def crops(frames: np.ndarray, size: int, rng) -> np.ndarray:
    """A size x size crop of each frame (B, H, W, 3) at a random place on the token grid (4 px), so that a crop's
    patches are the tokens the whole frame has. The tokenizer is convolutional: a 32 px crop trains the same
    weights as a whole frame at a quarter of the cost, and in the command's time the tokenizer's figure is set
    by its number of steps (REPORT.md, "What we tried")."""
    if size >= frames.shape[1]:
        return frames
    patch = frames.shape[1] // TokenizerConfig().grid  # px a token covers
    at = rng.integers(0, (frames.shape[1] - size) // patch + 1, size=(len(frames), 2)) * patch  # (B, 2): top, left
    return np.stack([f[y:y + size, x:x + size] for f, (y, x) in zip(frames, at)])


def train_tokenizer(cfg: TrainConfig, frames: np.ndarray, rng) -> Tokenizer:
    model = Tokenizer(TokenizerConfig())
    flat = frames.reshape(-1, *frames.shape[2:])  # (n*L, H, W, 3)
    model.init_linear(to_float(flat[rng.integers(len(flat), size=512)]))  # the linear codec: principal components of patches
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.tok_lr, weight_decay=0.0)
    bar = tqdm(range(cfg.tok_steps), desc="tokenizer", mininterval=10)
    for step in bar:
        schedule(opt, step, cfg.tok_steps, cfg.tok_lr)
        out = model(to_float(crops(flat[rng.integers(len(flat), size=cfg.tok_batch)], cfg.tok_crop, rng)))  # (B, 3, c, c)
        opt.zero_grad()
        out["loss"].backward()
        opt.step()
        if step % 200 == 199:
            bar.set_postfix(psnr=f"{10 * np.log10(1 / max(out['mse'].item(), 1e-10)):.1f}")
    return model.eval()


def tokenizer_beside(cfg: TrainConfig, frames: np.ndarray, path: Path):
    """Starts the tokenizer's training in a forked process on the second core, which saves it to `path`;
    returns a function that waits for it and loads it. Runs it here and now on a one-core machine."""
    def run():
        torch.set_num_threads(1)
        save(train_tokenizer(cfg, frames, np.random.default_rng([cfg.seed, 1])), path)

    if (os.cpu_count() or 1) < 2:
        run()
        return lambda: load_tokenizer(path)
    child = multiprocessing.get_context("fork").Process(target=run, name="tokenizer")
    child.start()

    def wait() -> Tokenizer:
        child.join()
        if child.exitcode != 0:
            raise RuntimeError(f"the tokenizer's training process failed (exit code {child.exitcode})")
        return load_tokenizer(path)
    return wait


def load_tokenizer(path: Path) -> Tokenizer:
    state = torch.load(path)
    model = Tokenizer(TokenizerConfig(**{k: v for k, v in state["config"].items() if k in {f.name for f in fields(TokenizerConfig)}}))
    model.load_state_dict(state["state"])
    return model.eval()


def train_dynamics(cfg: TrainConfig, tokens: np.ndarray, actions: np.ndarray, rng, levels: tuple, A: int) -> Dynamics:
    model = Dynamics(DynamicsConfig(levels=tuple(levels), actions=A))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.dyn_lr, weight_decay=0.01)
    n, L = tokens.shape[:2]
    bar = tqdm(range(cfg.dyn_steps), desc="dynamics", mininterval=10)
    for step in bar:
        schedule(opt, step, cfg.dyn_steps, cfg.dyn_lr)
        ci, ti = rng.integers(n, size=cfg.dyn_batch), rng.integers(L - 1, size=cfg.dyn_batch)
        out = model.loss(*dyn_batch(tokens, actions, ci, ti, model.cfg.context))
        opt.zero_grad()
        out["loss"].backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 49:
            bar.set_postfix(loss=f"{out['loss'].item():.3f}", acc=f"{out['acc'].item():.3f}")
    return model.eval()


def save(model, path: Path):
    torch.save({"config": model.cfg.to_dict(), "state": model.state_dict()}, path)


def parse(argv) -> TrainConfig:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny settings for the smoke test")
    for f in fields(TrainConfig):
        parser.add_argument(f"--{f.name.replace('_', '-')}", type=type(f.default), default=None)
    args = parser.parse_args(argv)
    cfg = TrainConfig(**(QUICK if args.quick else {}))
    for f in fields(TrainConfig):
        if getattr(args, f.name) is not None:
            setattr(cfg, f.name, getattr(args, f.name))
    return cfg


def main(argv=None):
    cfg = parse(argv)
    start = time.time()
    torch.set_num_threads(1)
    torch.manual_seed(cfg.seed)
    cache, out = Path(cfg.cache), Path(cfg.out)
    cache.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    print(f"data: {cfg.train_clips} training clips, {cfg.validation_clips} validation clips", flush=True)
    frames, _, kinds = make_dataset(train_seeds(cfg.train_clips), ClipConfig())  # true actions are not read
    print("kinds of the training clips:", dict(zip(KINDS, np.bincount(kinds, minlength=len(KINDS)).tolist())), flush=True)
    validation = make_dataset(validation_seeds(cfg.validation_clips), ClipConfig())  # choices made after training read these

    tokenizer_done = tokenizer_beside(cfg, frames, cache / "tokenizer.pt")  # on the second core, beside the LAM
    lam, lam_errors = train_lam(cfg, frames, validation[0])
    save(lam, cache / "lam.pt")
    actions = label_actions(lam, frames)  # (n, L-1)
    print("latent action shares on training clips:", np.round(np.bincount(actions.ravel(), minlength=lam.cfg.actions) / actions.size, 3), flush=True)

    tokenizer = tokenizer_done()
    dynamics = train_dynamics(cfg, tokenize(tokenizer, frames), actions, np.random.default_rng([cfg.seed, 2]), tokenizer.cfg.levels, lam.cfg.actions)
    del frames

    temperatures = choose_temperature(tokenizer, lam, dynamics, validation, cfg.seed)
    print("ΔtPSNR(4) on validation clips by sampling temperature:", {t: round(v, 2) for t, v in temperatures.items()},
          "-> sampling at", dynamics.cfg.temperature, flush=True)
    names = learned_controls(tokenizer, dynamics, validation, name_actions(lam, validation), cfg.seed)
    print("latent actions named on validation clips:", names["names"], "controls:", names["controls"],
          "moving as named on validation frames (%):", {k: round(v, 1) for k, v in names["validation_as_named"].items()}, flush=True)
    save(dynamics, cache / "dynamics.pt")
    train_minutes = (time.time() - start) / 60

    held = held_out_clips(cfg.held_out_clips, cfg.drama_clips)
    export(tokenizer, lam, dynamics, out, held["drama"][0], names)
    evaluate(tokenizer, lam, dynamics, held, names, cfg, train_minutes, start, temperatures, lam_errors)
    print(f"done in {(time.time() - start) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
