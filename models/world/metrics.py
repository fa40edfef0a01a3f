"""The measures the report uses, on frames as the app shows them (uint8 (..., H, W, 3) unless said).

- psnr / pooled_psnr: PSNR of each frame / of the mean squared error over a whole set (a set's figure).
- colour_shift: the largest of the three channels' mean differences (0-255 scale): a tint or a darkening.
- motion: how the picture moved from one frame to another: a translation by the votes of 16x16 blocks
  (each matched to the shifted earlier frame), and a zoom by the scale whose centred rescale matches best.
- sharpness: the mean gradient magnitude of the grey picture (noise raises it, flat colour lowers it).
- histogram_distance: total variation distance between joint colour histograms (4 levels a channel).
"""
import numpy as np
from PIL import Image


def psnr(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-frame PSNR in dB of uint8 frames (..., H, W, 3)."""
    mse = ((a.astype(np.float64) - b.astype(np.float64)) ** 2).reshape(*a.shape[:-3], -1).mean(-1)
    return 10 * np.log10(255.0 ** 2 / np.maximum(mse, 1e-10))


def pooled_psnr(a: np.ndarray, b: np.ndarray) -> float:
    """PSNR of the mean squared error over every pixel of a set of frames."""
    mse = ((a.astype(np.float64) - b.astype(np.float64)) ** 2).mean()
    return float(10 * np.log10(255.0 ** 2 / max(mse, 1e-10)))


def colour_shift(recon: np.ndarray, truth: np.ndarray) -> float:
    """max over R, G, B of |mean(recon - truth)| over the set, on the 0-255 scale."""
    diff = recon.astype(np.float64) - truth.astype(np.float64)
    return float(np.abs(diff.reshape(-1, 3).mean(0)).max())


def grey(frame: np.ndarray) -> np.ndarray:
    return frame.astype(np.float64) @ np.array([0.299, 0.587, 0.114])


BLOCK = 16  # px a side of the blocks whose shifts vote


def block_shifts(a: np.ndarray, b: np.ndarray, reach: int):
    """How the picture moved from frame a to frame b, block by block: for each 16x16 block of b, the shift
    (dy, dx) within `reach` px whose moved a matches it best (mean squared difference over the part of the
    block a covers), and the block's weight: 1, or 0 for a flat block (grey standard deviation under 2 of
    255), which any shift matches. Returns shifts (k, 2) and weights (k,)."""
    ga, gb = grey(a), grey(b)
    H, W = gb.shape
    best = np.full((H // BLOCK, W // BLOCK), np.inf)
    shift = np.zeros((H // BLOCK, W // BLOCK, 2), int)
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            err, seen = np.zeros((H, W)), np.zeros((H, W))
            ys, xs = slice(max(dy, 0), H + min(dy, 0)), slice(max(dx, 0), W + min(dx, 0))
            err[ys, xs] = (gb[ys, xs] - ga[max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]) ** 2
            seen[ys, xs] = 1
            covered = seen.reshape(H // BLOCK, BLOCK, W // BLOCK, BLOCK).sum((1, 3))
            total = err.reshape(H // BLOCK, BLOCK, W // BLOCK, BLOCK).sum((1, 3))
            mean = np.where(covered >= BLOCK * BLOCK / 2, total / np.maximum(covered, 1), np.inf)  # half the block at least
            better = mean < best - 1e-9
            best[better], shift[better] = mean[better], (dy, dx)
    weight = (gb.reshape(H // BLOCK, BLOCK, W // BLOCK, BLOCK).std((1, 3)) >= 2).astype(float)
    return shift.reshape(-1, 2), weight.reshape(-1)


SCALES = np.exp(np.linspace(np.log(0.55), np.log(1.8), 41))  # candidate zooms, 1.5 % apart


def zoom(a: np.ndarray, b: np.ndarray) -> float:
    """The scale s by which frame b shows frame a magnified about the centre (s > 1: pushed in), the one of
    SCALES whose rescale of a matches b best over the part both show."""
    S = a.shape[0]
    img = Image.fromarray(a)
    best, best_err = 1.0, np.inf
    for s in SCALES:
        side = S / s  # the part of a that fills b at scale s (s < 1: more than a, so compare a smaller b)
        if s >= 1:
            c = (S - side) / 2
            pred, ref = np.asarray(img.resize((S, S), Image.BILINEAR, box=(c, c, c + side, c + side))), b
        else:
            inner = int(round(S * s)) // 2 * 2
            c = (S - inner) // 2
            pred, ref = np.asarray(img.resize((inner, inner), Image.BILINEAR)), b[c:c + inner, c:c + inner]
        err = np.mean((grey(pred) - grey(ref)) ** 2)
        if err < best_err:
            best, best_err = float(s), err
    return best


def moves_as_named(a: np.ndarray, b: np.ndarray, name: str, move: int = 4, presses: int = 1) -> bool:
    """Whether b shows a moved the way a control named `name` says after `presses` presses: for left/right/
    up/down, the view went that way, so most of the picture shifted the other way by at least `move` px,
    mostly along that axis (at least half the blocks that are not flat vote so: a figure the camera follows
    as it walks stays put on screen while the scene behind it scrolls). For in/out, the picture was
    magnified or shrunk by more than 5 %."""
    if name in ("in", "out"):
        s = zoom(a, b)
        return s > 1.05 if name == "in" else s < 1 / 1.05
    shifts, weight = block_shifts(a, b, move * presses + 2)
    want = {"left": (0, 1), "right": (0, -1), "up": (1, 0), "down": (-1, 0)}[name]  # the picture's shift, (dy, dx) signs
    along = shifts[:, 1] * want[1] if want[0] == 0 else shifts[:, 0] * want[0]
    across = np.abs(shifts[:, 0]) if want[0] == 0 else np.abs(shifts[:, 1])
    named = (along >= move) & (along > across)
    return bool(weight[named].sum() >= 0.5 * weight.sum())


def sharpness(frame: np.ndarray) -> float:
    g = grey(frame)
    return float(np.abs(np.diff(g, axis=0)).mean() + np.abs(np.diff(g, axis=1)).mean())


def histogram_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Total variation distance (0: same colours, 1: none shared) of 4x4x4-bin joint colour histograms."""
    def hist(f):
        q = (f.reshape(-1, 3) // 64).astype(np.int64)
        return np.bincount(q[:, 0] * 16 + q[:, 1] * 4 + q[:, 2], minlength=64) / len(q)
    return float(0.5 * np.abs(hist(a) - hist(b)).sum())

