"""Scenes played from the seeded drama stills as the app plays them: the still's tokens (its first frame is
their decoding), a context of that frame repeated (the runtime pads a short context with its oldest frame),
then presses of latent actions sampled at the model's temperature, through the scene's memory (`Memory`).

The memory is the runtime's (shared/src/scenes.ts `pressThrough`, `canPress`): a press of left/right/up/down moves
the view by one token (data.ClipConfig.move is a token's 4 px), so every cell of the world the view has
shown before comes back as it was and only cells never shown are the dynamics'. Without it the 4-frame
context forgot what left the view, and a scene that went away and back came back repainted, blurred a
little more each time (REPORT.md, "What we tried"). The view stays within REACH tokens of where the scene
started on each axis, and the app greys out an arrow that would leave: as far as the controls are
measured (PRESSES one way). Beyond that the dynamics paints what the training worlds have outside their
first view (a smooth sky, a bare wall, a dark street), and runs of 32 presses lose their sharpness.

- `as_named`: every named control pressed 4 times from every still; a run counts if the picture moved
  the way the control's name says (metrics.moves_as_named: block votes for left/right/up/down,
  the best-matching zoom for in/out).
- `long_runs`: 32 presses of controls drawn at random (among those the app allows) from every still. A run
  dissolves if any of its frames' sharpness (mean gradient) leaves [SHARPNESS_RANGE] times the first
  frame's (noise raises it, flat colour lowers it) or its colour histogram's distance from the first
  frame's exceeds HISTOGRAM_LIMIT.
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
VIEW_MOVES = {"left": (0, -1), "right": (0, 1), "up": (-1, 0), "down": (1, 0)}  # (dy, dx) in tokens the view moves a press
REACH = PRESSES  # tokens (presses) the view may go from where a scene started, on each axis


def can_press(pos, name: str, reach: int) -> bool:
    """Whether a control may be pressed with the view at pos (dy, dx) tokens from the start: a pan that would
    take the view beyond `reach` may not (shared/src/scenes.ts `canPress`); every other control may."""
    if name not in VIEW_MOVES:
        return True
    dy, dx = VIEW_MOVES[name]
    return abs(pos[0] + dy) <= reach and abs(pos[1] + dx) <= reach


class Memory:
    """The world a batch of scenes has shown: a (grid + 2 reach)² canvas of tokens a scene (-1: never shown)
    and each view's place on it (dy, dx tokens from the start)."""

    def __init__(self, start: torch.Tensor, grid: int, reach: int):
        n, G, R = len(start), grid, reach
        self.grid, self.reach = G, R
        self.cells = torch.full((n, G + 2 * R, G + 2 * R), -1, dtype=torch.long)
        self.cells[:, R:R + G, R:R + G] = start.view(n, G, G)
        self.pos = np.zeros((n, 2), np.int64)

    def recall(self, tokens: torch.Tensor, names) -> torch.Tensor:
        """The frames (n, N) the dynamics sampled after presses `names` (n,) -> the frames shown: after a pan,
        the cells shown before come back from memory and the new ones are remembered; any other press (a
        zoom) forgets all but the frame it led to."""
        G, R = self.grid, self.reach
        out = tokens.clone().view(-1, G, G)
        for i, name in enumerate(names):
            if name in VIEW_MOVES:
                self.pos[i] += VIEW_MOVES[name]
                assert np.abs(self.pos[i]).max() <= R, "a press beyond the reach"
            else:
                self.cells[i] = -1
                self.pos[i] = 0
            y, x = self.pos[i] + R
            view = self.cells[i, y:y + G, x:x + G]  # a view of the canvas: writes go through
            known = view >= 0
            out[i][known] = view[known]
            view[~known] = out[i][~known]
        return out.view(len(names), -1)


@torch.no_grad()
def play(tokenizer, dynamics, start: torch.Tensor, actions: np.ndarray, seed: int, names: np.ndarray = None,
         reach: int = 0, batch: int = 36) -> np.ndarray:
    """start tokens (n, N), actions (n, S) -> frames (n, S, H, W, 3) uint8 after each press. With the presses'
    control names (n, S), through the scenes' memory of reach `reach` (`Memory`); without, the dynamics' own."""
    gen = torch.Generator().manual_seed(seed)
    T, out = dynamics.cfg.context, []
    for i in range(0, len(start), batch):
        ctx = start[i:i + batch, None].expand(-1, T, -1)  # (b, T, N): the still repeated
        a = torch.from_numpy(actions[i:i + batch])
        if names is None:
            out.append(to_uint8(rollout(tokenizer, dynamics, ctx, a, gen)[1]))
            continue
        memory, frames = Memory(start[i:i + batch], dynamics.cfg.grid, reach), []
        for s in range(a.shape[1]):
            nxt = memory.recall(dynamics.sample(ctx, a[:, s], generator=gen), names[i:i + batch, s])
            frames.append(tokenizer.decode(nxt))
            ctx = torch.cat([ctx[:, 1:], nxt[:, None]], dim=1)
        out.append(to_uint8(torch.stack(frames, dim=1)))
    return np.concatenate(out)


def random_presses(controls: list, n: int, presses: int, reach: int, rng) -> np.ndarray:
    """n runs of `presses` controls drawn at random among those the app lets a viewer press (`can_press`):
    indices into controls (n, presses)."""
    picks = np.zeros((n, presses), np.int64)
    for i in range(n):
        pos = np.zeros(2, np.int64)
        for s in range(presses):
            open_ = [k for k, c in enumerate(controls) if can_press(pos, c["name"], reach)]
            picks[i, s] = k = open_[rng.integers(len(open_))]
            name = controls[k]["name"]
            pos = pos + VIEW_MOVES[name] if name in VIEW_MOVES else np.zeros(2, np.int64)  # a zoom starts the memory anew
    return picks


def start_of(tokenizer, stills: np.ndarray):
    """The stills' tokens (n, N) and their first frames as the app shows them (n, H, W, 3) uint8."""
    with torch.no_grad():
        tokens = tokenizer.encode(to_float(stills))
        return tokens, to_uint8(tokenizer.decode(tokens))


def as_named(tokenizer, dynamics, stills: np.ndarray, controls: list, seed: int, move: int) -> dict:
    """Share of 4-press runs (every still x every control) that move as named, overall and by control, and
    each control's frames from still 0 (for the report's picture). Played through the memory, as the app
    plays them (PRESSES one way is the reach)."""
    tokens, first = start_of(tokenizer, stills)
    by_name, rows = {}, []
    for c in controls:
        frames = play(tokenizer, dynamics, tokens, np.full((len(stills), PRESSES), c["action"]), seed,
                      names=np.full((len(stills), PRESSES), c["name"]), reach=REACH)
        ok = [moves_as_named(first[i], frames[i, -1], c["name"], move, PRESSES) for i in range(len(stills))]
        by_name[c["name"]] = float(np.mean(ok) * 100)
        rows.append(np.concatenate([first[:1], frames[0]]))
    return {"share": float(np.mean(list(by_name.values()))) if by_name else 0.0, "by_name": by_name, "rows": rows}


def long_runs(tokenizer, dynamics, stills: np.ndarray, controls: list, seed: int, reach: int) -> dict:
    """32 random named presses from every still, as the app lets them be pressed with the view's `reach`
    (LONG: no bound): the sharpness ratios and histogram distances of every frame, the share of runs that
    never leave the bounds, and run 0's frames (the report's strip)."""
    tokens, first = start_of(tokenizer, stills)
    if not controls:  # nothing to press
        return {"kept": 0.0, "ratio_min": 1.0, "ratio_max": 1.0, "hist_max": 0.0, "ratio_by_step": np.ones(LONG),
                "hist_by_step": np.zeros(LONG), "strip": first[:1], "sequence": []}
    picks = random_presses(controls, len(stills), LONG, reach, np.random.default_rng(seed))
    actions = np.array([c["action"] for c in controls])[picks]
    frames = play(tokenizer, dynamics, tokens, actions, seed, names=np.array([c["name"] for c in controls])[picks], reach=reach)
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
