"""The report's pictures, written under models/report/ (uint8 frames in, PNG grids scaled 2x out)."""
from pathlib import Path

import numpy as np
from PIL import Image

from .data import KINDS


def save_grid(path: Path, rows, scale: int = 2, gap: int = 0):
    """rows: a list of (k, H, W, 3) uint8, each drawn as one row of frames; shorter rows are padded black."""
    width = max(len(r) for r in rows)
    H, W = rows[0].shape[1:3]
    grid = np.zeros((len(rows) * H, width * (W + gap), 3), np.uint8)
    for i, r in enumerate(rows):
        for j, f in enumerate(r):
            grid[i * H:(i + 1) * H, j * (W + gap):j * (W + gap) + W] = f
    Image.fromarray(grid).resize((grid.shape[1] * scale, grid.shape[0] * scale), Image.NEAREST).save(path)


def write_pictures(pics: Path, m: dict, stills: np.ndarray, meta: list, photos: np.ndarray, held: dict):
    pics.mkdir(parents=True, exist_ok=True)
    recon = m["stills"]["recon"]  # every still beside its first frame, six pairs a row
    pairs = [np.stack([f for i in range(k, min(k + 6, len(stills))) for f in (stills[i], recon[i])]) for k in range(0, len(stills), 6)]
    save_grid(pics / "stills.png", pairs, scale=2)
    save_grid(pics / "controls.png", m["named"]["rows"], scale=3)
    strip = m["long"]["strip"]  # the first frame and 32 presses
    save_grid(pics / "strip32.png", [strip[k:k + 11] for k in range(0, len(strip), 11)], scale=3)
    save_grid(pics / "photos.png", [photos, m["photos"]["recon"]])
    rows = []
    for k, name in enumerate(KINDS):
        frames = held[name][0][0, ::3]  # every third frame of the kind's first held-out clip
        rows += [frames, m["clips"]["recon_by_kind"][name][::3]]
    save_grid(pics / "clips.png", rows)
    real, (inferred, random) = m["drama"]["real"], m["drama"]["frames_uint8"]
    save_grid(pics / "rollouts.png", [r for i in range(min(3, len(real))) for r in (real[i], inferred[i], random[i])])
