"""Scenes played from the seeded drama stills as the app plays them: the still's tokens (its first frame is
their decoding), a context of that frame repeated (the runtime pads a short context with its oldest frame),
then presses of latent actions sampled at the model's temperature.

- `as_named`: every named control pressed 4 times from every still; a run counts if the picture moved
  the way the control's name says (metrics.moves_as_named: block votes for left/right/up/down,
  the best-matching zoom for in/out).
- `long_runs`: 32 presses of controls drawn at random from every still. A run dissolves if any of its
  frames' sharpness (mean gradient) leaves [SHARPNESS_RANGE] times the first frame's (noise raises it, flat
  colour lowers it) or its colour histogram's distance from the first frame's exceeds HISTOGRAM_LIMIT.
- `stand_still`: 32 presses of the stand-still latent action; the drift after k presses is how much
  lower the frame's PSNR against the still is than the first frame's; the figure is the largest mean drift.

Shape key: n stills, S presses, N tokens.
"""
import numpy as np
import torch

from .batches import rollout, to_float, to_uint8
from .metrics import histogram_distance, moves_as_named, psnr, sharpness

PRESSES = 4
LONG = 32
SHARPNESS_RANGE = (0.5, 2.0)
HISTOGRAM_LIMIT = 0.5


@torch.no_grad()
def play(tokenizer, dynamics, start: torch.Tensor, actions: np.ndarray, seed: int, batch: int = 36) -> np.ndarray:
    """start tokens (n, N), actions (n, S) -> frames (n, S, H, W, 3) uint8 after each press."""
    gen = torch.Generator().manual_seed(seed)
    T, out = dynamics.cfg.context, []
    for i in range(0, len(start), batch):
        ctx = start[i:i + batch, None].expand(-1, T, -1)  # (b, T, N): the still repeated
        out.append(to_uint8(rollout(tokenizer, dynamics, ctx, torch.from_numpy(actions[i:i + batch]), gen)[1]))
    return np.concatenate(out)


def start_of(tokenizer, stills: np.ndarray):
    """The stills' tokens (n, N) and their first frames as the app shows them (n, H, W, 3) uint8."""
    with torch.no_grad():
        tokens = tokenizer.encode(to_float(stills))
        return tokens, to_uint8(tokenizer.decode(tokens))


def as_named(tokenizer, dynamics, stills: np.ndarray, controls: list, seed: int, move: int) -> dict:
    """Share of 4-press runs (every still x every control) that move as named, overall and by control, and
    each control's frames from still 0 (for the report's picture)."""
    tokens, first = start_of(tokenizer, stills)
    by_name, rows = {}, []
    for c in controls:
        frames = play(tokenizer, dynamics, tokens, np.full((len(stills), PRESSES), c["action"]), seed)
        ok = [moves_as_named(first[i], frames[i, -1], c["name"], move, PRESSES) for i in range(len(stills))]
        by_name[c["name"]] = float(np.mean(ok) * 100)
        rows.append(np.concatenate([first[:1], frames[0]]))
    return {"share": float(np.mean(list(by_name.values()))) if by_name else 0.0, "by_name": by_name, "rows": rows}


def long_runs(tokenizer, dynamics, stills: np.ndarray, controls: list, seed: int) -> dict:
    """32 random named presses from every still: the sharpness ratios and histogram distances of every frame,
    the share of runs that never leave the bounds, and run 0's frames (the report's strip)."""
    tokens, first = start_of(tokenizer, stills)
    if not controls:  # nothing to press
        return {"kept": 0.0, "ratio_min": 1.0, "ratio_max": 1.0, "hist_max": 0.0, "ratio_by_step": np.ones(LONG),
                "hist_by_step": np.zeros(LONG), "strip": first[:1], "sequence": []}
    rng = np.random.default_rng(seed)
    picks = rng.integers(len(controls), size=(len(stills), LONG))
    actions = np.array([c["action"] for c in controls])[picks]
    frames = play(tokenizer, dynamics, tokens, actions, seed)
    ratio = np.array([[sharpness(f) / max(sharpness(first[i]), 1e-6) for f in frames[i]] for i in range(len(stills))])
    hist = np.array([[histogram_distance(first[i], f) for f in frames[i]] for i in range(len(stills))])
    kept = (ratio >= SHARPNESS_RANGE[0]).all(1) & (ratio <= SHARPNESS_RANGE[1]).all(1) & (hist <= HISTOGRAM_LIMIT).all(1)
    return {"kept": float(kept.mean() * 100), "ratio_min": float(ratio.min()), "ratio_max": float(ratio.max()),
            "hist_max": float(hist.max()), "ratio_by_step": ratio.mean(0), "hist_by_step": hist.mean(0),
            "strip": np.concatenate([first[:1], frames[0]]), "sequence": [controls[k]["name"] for k in picks[0]]}


def stand_still(tokenizer, dynamics, stills: np.ndarray, noop: int, seed: int) -> dict:
    """32 stand-still presses from every still: mean PSNR drift against the still after each press (dB)."""
    tokens, first = start_of(tokenizer, stills)
    frames = play(tokenizer, dynamics, tokens, np.full((len(stills), LONG), noop), seed)
    base = psnr(first, stills)  # (n,)
    drift = base[:, None] - psnr(frames, stills[:, None])  # (n, S)
    return {"drift": float(drift.mean(0).max()), "worst": float(drift.max()), "by_step": drift.mean(0)}
