"""Held-out pictures no training clip comes from: what viewers start scenes from.

- Drama stills (`drama_stills`): frames of the three seeded dramas' episodes as the app cuts them for a
  scene (centre square, area-resampled to 64x64 by ffmpeg: functions/src/adapters/ffmpeg-frames.ts),
  rendered by the project's seed renderer and cut by `npm run stills:world` (models/runtime/cut-stills.ts)
  into `held_out/drama_stills.png` (a grid of 64x64 stills, row-major) and `drama_stills.json` (which
  series, episode and second each one is). The training data's painter (drama.py) never reads them.
- Photographs (`photos`): the sample photographs Debian's python3-skimage ships (public domain or CC0,
  or "no known copyright restrictions", as skimage.data's docstrings say), cropped and resampled as the
  app does an upload (the centre square, area-resampled to 64x64). Grey photographs become grey RGB.
"""
import json
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent / "held_out"
SKIMAGE_DATA = Path("/usr/lib/python3/dist-packages/skimage/data")  # Debian's python3-skimage (`npm test` installs it: test/setup/system-deps.ts)
PHOTOS = ("astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "hubble_deep_field.jpg", "retina.jpg", "ihc.png",
          "camera.png", "coins.png", "clock_motion.png", "cell.png", "brick.png", "grass.png", "gravel.png")


def app_frame(image: Image.Image, size: int = 64) -> np.ndarray:
    """The centre square of `image`, area-resampled to size x size RGB, as the app makes an upload's frame."""
    image = image.convert("RGB")
    side = min(image.size)
    x0, y0 = (image.width - side) // 2, (image.height - side) // 2
    return np.asarray(image.resize((size, size), Image.BOX, box=(x0, y0, x0 + side, y0 + side)))


def drama_stills(size: int = 64):
    """The seeded dramas' stills: (n, 64, 64, 3) uint8 and their descriptions [{series, title, episode, atS}]."""
    grid = np.asarray(Image.open(HERE / "drama_stills.png").convert("RGB"))
    meta = json.loads((HERE / "drama_stills.json").read_text())["stills"]
    cols = grid.shape[1] // size
    stills = [grid[(i // cols) * size:(i // cols + 1) * size, (i % cols) * size:(i % cols + 1) * size] for i in range(len(meta))]
    return np.stack(stills), meta


def photos(size: int = 64):
    """The photographs: (n, 64, 64, 3) uint8 and their file names."""
    missing = [p for p in PHOTOS if not (SKIMAGE_DATA / p).exists()]
    if missing:
        raise FileNotFoundError(f"{', '.join(missing)} missing from {SKIMAGE_DATA}: apt-get install python3-skimage")
    return np.stack([app_frame(Image.open(SKIMAGE_DATA / p), size) for p in PHOTOS]), list(PHOTOS)
