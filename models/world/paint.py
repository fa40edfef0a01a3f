"""Drawing primitives shared by the kinds of clip: colours, smooth noise, arbitrary pictures, soft shapes
and the camera that films a painted world.

Pictures are float (H, W, 3) arrays in 0..255 until a camera turns them into uint8 frames. Soft shapes
return coverage in [0, 1] (1 inside, a one-pixel ramp at the edge), so that a world painted at twice
the resolution and filmed with an area filter has the anti-aliased edges of a rendered video.
"""
import numpy as np
from PIL import Image


def random_color(rng, lo=0, hi=255):
    return rng.integers(lo, hi + 1, size=3).astype(np.float32)


def value_noise(rng, h, w, cells):
    """Smooth noise: a coarse random grid upsampled bilinearly. (h, w) float in [0, 1]."""
    grid = rng.random((cells + 1, cells + 1)).astype(np.float32)
    ys, xs = np.linspace(0, cells, h, endpoint=False), np.linspace(0, cells, w, endpoint=False)
    y0, x0 = ys.astype(int), xs.astype(int)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    g = grid[y0][:, x0] * (1 - fy) * (1 - fx) + grid[y0 + 1][:, x0] * fy * (1 - fx)
    return g + (grid[y0][:, x0 + 1] * (1 - fy) + grid[y0 + 1][:, x0 + 1] * fy - grid[y0][:, x0] * (1 - fy)
                - grid[y0 + 1][:, x0] * fy) * fx


def procedural_image(rng, h, w, scale=1):
    """An arbitrary picture: a gradient or noise base with blobs, stripes, boxes or checks. (h, w, 3) float.
    `scale` px draw one px of the picture's own sizes (stripes and checks 4-16 px), for a picture painted
    at `scale` times the resolution it is filmed at."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = rng.integers(3)
    c0, c1 = random_color(rng), random_color(rng)
    if base == 0:  # linear gradient in a random direction
        a = rng.random() * 2 * np.pi
        t = (np.cos(a) * xx + np.sin(a) * yy)
        t = (t - t.min()) / (np.ptp(t) + 1e-6)
    elif base == 1:  # smooth noise, like a landscape or a wall texture
        t = value_noise(rng, h, w, int(rng.integers(2, 8)))
    else:  # radial light
        cy, cx = rng.random() * h, rng.random() * w
        t = np.clip(np.hypot(yy - cy, xx - cx) / (0.8 * max(h, w)), 0, 1)
    img = c0 * (1 - t[..., None]) + c1 * t[..., None]
    for _ in range(int(rng.integers(2, 9))):
        kind, col = rng.integers(4), random_color(rng)
        cy, cx = rng.random() * h, rng.random() * w
        ry, rx = 3 * scale + rng.random() * h / 4, 3 * scale + rng.random() * w / 4
        if kind == 0:  # ellipse
            m = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 < 1
        elif kind == 1:  # box: furniture, windows, doors
            m = (abs(yy - cy) < ry) & (abs(xx - cx) < rx)
        elif kind == 2:  # stripes
            p = rng.integers(4, 16) * scale
            m = ((xx + yy * rng.integers(-1, 2)) // p % 2 == 0) & (abs(yy - cy) < ry * 2)
        else:  # checks
            p = rng.integers(4, 12) * scale
            m = ((xx // p + yy // p) % 2 == 0) & (abs(yy - cy) < ry) & (abs(xx - cx) < rx)
        img[m] = img[m] * 0.3 + col * 0.7
    return img


def sprite_mask(rng, size):
    """A small sprite: a body with a head, a ball or a box. (size, size) bool."""
    yy, xx = np.mgrid[0:size, 0:size]
    c = (size - 1) / 2
    kind = rng.integers(3)
    if kind == 0:
        return ((xx - c) ** 2 + (yy - c) ** 2) <= c * c
    if kind == 1:
        return np.ones((size, size), bool)
    head = ((xx - c) ** 2 + (yy - size / 4) ** 2) <= (size / 4) ** 2
    body = (abs(xx - c) <= size / 4) & (yy >= size / 2)
    return head | body


def paste(img, mask, color, y, x):
    """Draws `mask` in `color` at (y, x), clipped to the image, with a dark outline for contrast."""
    h, w = mask.shape
    H, W = img.shape[:2]
    y0, x0, y1, x1 = max(y, 0), max(x, 0), min(y + h, H), min(x + w, W)
    if y1 <= y0 or x1 <= x0:
        return
    m = mask[y0 - y:y1 - y, x0 - x:x1 - x]
    region = img[y0:y1, x0:x1]
    region[m] = color
    edge = m & ~np.pad(m, 1)[2:, 1:-1] | m & ~np.pad(m, 1)[:-2, 1:-1] | m & ~np.pad(m, 1)[1:-1, 2:] | m & ~np.pad(m, 1)[1:-1, :-2]
    region[edge] = color * 0.35


# --- soft shapes: coverage in [0, 1] over a grid (yy, xx) ---------------------------------------

def soft(dist):
    """Coverage from a signed distance (negative inside), with a one-pixel ramp."""
    return np.clip(0.5 - dist, 0.0, 1.0)


def ellipse(yy, xx, cy, cx, ry, rx):
    """Approximate signed distance to an ellipse, in pixels."""
    r = np.hypot((yy - cy) / ry, (xx - cx) / rx)
    return (r - 1) * min(ry, rx)


def box(yy, xx, y0, x0, y1, x1):
    """Signed distance to an axis-aligned box (inside negative; outside the max of the axis distances)."""
    return np.maximum(np.maximum(y0 - yy, yy - y1), np.maximum(x0 - xx, xx - x1))


def trapezoid(yy, xx, y0, y1, half_top, half_bottom, cx):
    """Signed distance (approximate) to a trapezoid standing on y1, centred on cx: a coat, a gown, a tower."""
    t = np.clip((yy - y0) / max(y1 - y0, 1e-6), 0, 1)
    half = half_top + (half_bottom - half_top) * t
    return np.maximum(abs(xx - cx) - half, np.maximum(y0 - yy, yy - y1))


def over(img, cover, color, alpha=1.0):
    """Paints `color` (3,) or (H, W, 3) over `img` where `cover` (H, W) says, in place."""
    a = (cover * alpha)[..., None]
    img *= 1 - a
    img += a * color


def add_light(img, cover, color, strength=1.0):
    """Adds light (additive, as glows, bokeh and lit windows are), in place; clipped later by the camera."""
    img += (cover * strength)[..., None] * color


def glow(yy, xx, cy, cx, radius):
    """A soft round glow: 1 at the centre, falling off as a Gaussian of `radius` px."""
    return np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * radius ** 2))


def window(shape, y0, y1, x0, x1):
    """The slices of an (H, W, ...) array that hold the box [y0, y1) x [x0, x1), clipped: shapes that cover
    little of a large picture are computed there only, on views that the in-place painters write through."""
    H, W = shape[:2]
    return slice(int(np.clip(np.floor(y0), 0, H)), int(np.clip(np.ceil(y1), 0, H))), slice(int(np.clip(np.floor(x0), 0, W)), int(np.clip(np.ceil(x1), 0, W)))


def to_image(world: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(world, 0, 255).round().astype(np.uint8))


def film(world: Image.Image, cy: float, cx: float, side: float, size: int, scale: int = 1) -> np.ndarray:
    """The camera: the square of `side` world px centred on (cy, cx), of a world painted at `scale` px per
    world px, resampled to size x size by area (PIL's box filter takes fractional boxes). (size, size, 3) uint8."""
    half = side / 2
    region = tuple(float(v) * scale for v in (cx - half, cy - half, cx + half, cy + half))
    return np.asarray(world.resize((size, size), Image.BOX, box=region))
