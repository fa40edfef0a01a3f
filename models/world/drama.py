"""The drama kind of clip: procedural pictures that look like the stills of a short drama, filmed by a camera
the true actions steer.

A world of 208 x 208 world px is painted at twice that resolution, as a short drama's backdrop is: a mood
(a night-blue street, a dusk skyline, a warm hall, a teal rainy evening) gives the sky or wall gradient;
then a setting (a skyline with lit windows, a building's facade, an interior with tall windows and
curtains), the ground (wet, with the lights' reflections), lights (street lamps, string lights, glows),
bokeh, figures (dark silhouettes with a rim light or lit figures, standing, with an umbrella, or a bust),
rain streaks, a light leak. In a share of the clips, captions (subtitle rows, a title card in large
strokes) are painted where the first view shows them, as a drama's still has them: a still a scene starts
from has its subtitles in the picture, and the camera moves over them with the rest.

The camera (agent.camera_walk) pans, tilts and pushes in or out. In a share of the clips a standing
figure walks: left/right walk it and the camera follows, so the figure stays where it is on screen
(its legs swing, it turns) while the scene scrolls by the same 4 px as a pan. This code is the
training data's own; it does not read the seed renderer's (functions/local/seed), whose stills are
held out (held_out.py).

Shape key: P painted px a side (2 per world px), S = 64 px a frame.
"""
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .agent import camera_walk
from .paint import add_light, box, ellipse, film, glow, over, soft, to_image, trapezoid, value_noise, window

WORLD = 208  # world px a side: 15 moves of 4 px from the middle stay inside at the widest zoom
SCALE = 2  # painted px per world px
MOODS = {  # sky or wall top, its bottom, the warm light, the accent (rim lights, umbrellas, titles)
    "night": ((4, 8, 22), (24, 38, 66), (255, 196, 120), (120, 180, 255)),
    "dusk": ((36, 18, 58), (236, 120, 128), (255, 214, 160), (255, 150, 190)),
    "hall": ((40, 6, 12), (128, 44, 34), (255, 204, 120), (255, 180, 90)),
    "rain": ((8, 22, 28), (30, 54, 60), (255, 210, 140), (214, 36, 44)),
}


def jitter(rng, color, amount=0.25):
    return np.clip(np.asarray(color, np.float32) * rng.uniform(1 - amount, 1 + amount, 3), 0, 255)


def paint_setting(rng, img, yy, xx, ground, sky_bottom, light):
    """Draws the background setting over the sky or wall gradient, in place."""
    P = img.shape[0]
    setting = rng.integers(3)
    if setting == 0:  # skyline: towers against the sky, each with a grid of windows, a few lit
        lit = value_noise(rng, P, P, int(rng.integers(20, 60)))
        for layer, shade in ((0, 0.55), (1, 0.25)):
            x = -rng.uniform(0, 40)
            while x < P:
                w, h = rng.uniform(30, 90), rng.uniform(60, 260) * (1 - 0.3 * layer)
                sl = window(img.shape, ground - h - 1, ground + 1, x - 1, x + w + 1)
                y, xs = yy[sl], xx[sl]
                tower = soft(box(y, xs, ground - h, x, ground, x + w))
                over(img[sl], tower, sky_bottom * shade * rng.uniform(0.6, 1.0))
                pitch = rng.uniform(9, 16)
                cells = ((xs - x) % pitch < pitch * 0.45) & ((y - ground + h) % (pitch * 1.3) < pitch * 0.6)
                add_light(img[sl], tower * (cells & (lit[sl] > rng.uniform(0.55, 0.8))), jitter(rng, light), 0.55 * (1 - 0.4 * layer))
                x += w + rng.uniform(-10, 20)
    elif setting == 1:  # a facade close up: rows of dark windows, a few lit warm
        over(img, np.ones((P, P), np.float32), sky_bottom * 0.35)
        pitch_x, pitch_y = rng.uniform(40, 70), rng.uniform(44, 70)
        ix, iy = np.floor(xx / pitch_x), np.floor(yy / pitch_y)
        pane = soft(np.maximum(abs(xx - (ix + 0.5) * pitch_x) - pitch_x * 0.3, abs(yy - (iy + 0.5) * pitch_y) - pitch_y * 0.25))
        over(img, pane * (yy < ground), sky_bottom * 0.8)
        lit = (np.sin(ix * 12.9898 + iy * 78.233 + rng.random() * 9) * 43758.5453 % 1) > rng.uniform(0.8, 0.95)
        add_light(img, pane * lit * (yy < ground), jitter(rng, light), 0.9)
    else:  # an interior: tall windows (arched or square) showing the evening outside, curtains between
        n = int(rng.integers(2, 4))
        outside = jitter(rng, sky_bottom * 1.6 + 30)
        for k in range(n):
            cx, half = (k + 0.5) * P / n + rng.uniform(-10, 10), rng.uniform(24, 46)
            top = rng.uniform(40, 120)
            arch = np.minimum(box(yy, xx, top + half, cx - half, ground - 10, cx + half), ellipse(yy, xx, top + half, cx, half, half))
            glass = soft(arch) * (0.6 + 0.4 * (yy - top) / P)
            over(img, glass, outside)
            bars = soft(np.minimum(abs(xx - cx) - 1.5, abs((yy - top) % rng.uniform(22, 36) - 1) - 1)) * soft(arch)
            over(img, bars, outside * 0.25)
            for side in (-1, 1):  # curtains: vertical folds of a darker wall colour
                sl = window(img.shape, top - 11, ground + 1, cx + side * half - 13, cx + side * half + 13)
                cur = soft(box(yy[sl], xx[sl], top - 10, cx + side * half - 12, ground, cx + side * half + 12))
                folds = 0.7 + 0.3 * np.sin(xx[sl] * rng.uniform(0.5, 0.9))
                over(img[sl], cur, (sky_bottom * 0.5)[None, None, :] * folds[..., None], 0.9)


def figure(rng, height, lit_color, accent, pose=0, umbrella=False, bust=False):
    """A person, as an RGBA image of painted px: a dark silhouette with a rim light, or a lit figure.
    `pose` 0/1 alternates the legs of a walk. Returns (PIL RGBA image, its foot point (y, x))."""
    h = float(height)
    Hc, Wc = int(h * 1.3), int(h * 0.9)
    yy, xx = np.mgrid[0:Hc, 0:Wc].astype(np.float32)
    cx, top = Wc / 2, h * 0.25
    if bust:  # head and shoulders filling the lower frame
        d = np.minimum(ellipse(yy, xx, top + 0.18 * h, cx, 0.2 * h, 0.15 * h), trapezoid(yy, xx, top + 0.38 * h, Hc, 0.12 * h, 0.42 * h, cx))
    else:
        head = ellipse(yy, xx, top + 0.075 * h, cx, 0.08 * h, 0.065 * h)
        body = np.minimum(trapezoid(yy, xx, top + 0.14 * h, top + 0.58 * h, 0.12 * h, 0.08 * h, cx),
                          box(yy, xx, top + 0.1 * h, cx - 0.025 * h, top + 0.16 * h, cx + 0.025 * h))  # torso and neck
        if rng.random() < 0.5:  # a gown or a long coat to the ground
            lower = trapezoid(yy, xx, top + 0.5 * h, top + h, 0.08 * h, (0.17 + 0.03 * pose) * h, cx)
        else:  # legs, apart or together as the walk goes
            s = (0.06 + 0.04 * pose) * h
            lower = np.minimum(trapezoid(yy, xx, top + 0.55 * h, top + h, 0.05 * h, 0.035 * h, cx - s),
                               trapezoid(yy, xx, top + 0.55 * h, top + h, 0.05 * h, 0.035 * h, cx + s))
        d = np.minimum(np.minimum(head, body), lower)
    cover = soft(d)
    rgba = np.zeros((Hc, Wc, 4), np.float32)
    if lit_color is None:  # silhouette with a rim light: the ring just outside the shape glows
        body_col = accent * 0.06
        ring = np.asarray(Image.fromarray((cover * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(h * 0.02 + 1)),
                          np.float32) / 255
        rim = np.clip(ring - cover, 0, 1) * 2.5
        rgba[..., :3] = body_col * cover[..., None] + accent * np.clip(rim, 0, 1)[..., None]
        rgba[..., 3] = np.clip(cover + rim, 0, 1)
        rgba[..., :3] /= np.maximum(rgba[..., 3:], 1e-3)
    else:  # lit from above: a coat colour shading to dark, a skin-toned face
        shade = np.clip(1.1 - (yy - top) / h, 0.3, 1.0)[..., None]
        rgba[..., :3] = lit_color * shade
        face = soft(ellipse(yy, xx, top + 0.075 * h, cx, 0.08 * h, 0.065 * h)) if not bust else soft(ellipse(yy, xx, top + 0.18 * h, cx, 0.2 * h, 0.15 * h))
        rgba[..., :3] = rgba[..., :3] * (1 - face[..., None]) + np.array([225, 180, 150]) * rng.uniform(0.5, 1.0) * face[..., None]
        rgba[..., 3] = cover
    if umbrella:
        dome = soft(np.maximum(ellipse(yy, xx, top - 0.02 * h, cx, 0.16 * h, 0.34 * h), yy - (top - 0.02 * h)))
        handle = soft(box(yy, xx, top - 0.02 * h, cx - 1, top + 0.25 * h, cx + 1))
        col = accent * (0.5 + 0.5 * (1 - (yy - top + 0.18 * h) / (0.2 * h)))[..., None].clip(0.4, 1.0)
        cov = np.maximum(dome, handle * 0.8)
        rgba[..., :3] = rgba[..., :3] * (1 - cov[..., None]) + col * cov[..., None]
        rgba[..., 3] = np.maximum(rgba[..., 3], cov)
    rgba[..., 3] *= 255
    image = Image.fromarray(np.clip(rgba, 0, 255).round().astype(np.uint8), "RGBA")
    if rng.random() < 0.5:
        image = image.transpose(Image.FLIP_LEFT_RIGHT)
    return image, (top + h if not bust else Hc, cx)


def composite(base: Image.Image, sprite: Image.Image, x: int, y: int) -> Image.Image:
    """`sprite` (RGBA) over `base` (RGB) with its top-left corner at (x, y), clipped to the base."""
    layer = Image.new("RGBA", base.size)
    layer.paste(sprite, (x, y))
    return Image.alpha_composite(base.convert("RGBA"), layer).convert("RGB")


def paint_world(rng):
    """The world: a float (P, P, 3) picture, its mood's colours and the ground line (painted px)."""
    P = WORLD * SCALE
    yy, xx = np.mgrid[0:P, 0:P].astype(np.float32)
    top, bottom, light, accent = (jitter(rng, c) for c in MOODS[list(MOODS)[rng.integers(len(MOODS))]])
    ground = rng.uniform(0.5, 0.62) * P  # the camera starts near the middle: the ground is in its first view
    t = np.clip(yy / ground, 0, 1)[..., None]
    img = top * (1 - t) + bottom * t + (value_noise(rng, P, P, 6)[..., None] - 0.5) * rng.uniform(0, 24)
    paint_setting(rng, img, yy, xx, ground, bottom, light)
    floor = soft(ground - yy)  # the ground: darker, a little lighter far away
    over(img, floor, (bottom * 0.25)[None, None, :] * (1.2 - 0.6 * np.clip((yy - ground) / (P - ground), 0, 1))[..., None])
    lights = []
    for _ in range(int(rng.integers(0, 3))):  # street lamps or sconces: a pole and a glow
        x, y = rng.uniform(20, P - 20), ground - rng.uniform(60, 160)
        over(img, soft(box(yy, xx, y, x - 1.5, ground, x + 1.5)), bottom * 0.2)
        lights.append((y, x, rng.uniform(8, 22)))
    if rng.random() < 0.4:  # string lights along a sagging wire
        x = np.linspace(0, P, 28)
        y0 = rng.uniform(20, ground * 0.5)
        for xi in x:
            lights.append((y0 + 30 * ((xi / P - 0.5) ** 2 * 4 - 1) + 30, xi, 1.5))
    for (y, x, r) in lights:
        for radius, strength in ((r, 0.9), (r * 3, 0.18)):
            sl = window(img.shape, y - 3 * radius, y + 3 * radius, x - 3 * radius, x + 3 * radius)
            add_light(img[sl], glow(yy[sl], xx[sl], y, x, radius), jitter(rng, light), strength)
        if rng.random() < 0.6:  # its reflection on the wet ground: a glow stretched downwards
            sl = window(img.shape, ground, 2 * ground - y + 3 * r, x - 2 * r, x + 2 * r)
            add_light(img[sl], glow(yy[sl] / 4, xx[sl], (2 * ground - y) / 4, x, r * 0.6), light, 0.4)
    for _ in range(int(rng.integers(0, 30) * (rng.random() < 0.6))):  # bokeh: out-of-focus lights, soft discs
        r, y, x = rng.uniform(3, 22), rng.uniform(0, P), rng.uniform(0, P)
        sl = window(img.shape, y - r - 2, y + r + 2, x - r - 2, x + r + 2)
        disc = soft(ellipse(yy[sl], xx[sl], y, x, r, r) / 2)
        add_light(img[sl], disc, jitter(rng, light if rng.random() < 0.7 else accent, 0.4), rng.uniform(0.08, 0.35))
    if rng.random() < 0.25:  # a light leak: a broad warm glow
        add_light(img, glow(yy, xx, rng.uniform(0, P), rng.uniform(0, P), rng.uniform(40, 90)), jitter(rng, accent), 0.35)
    return img, ground, light, accent


def rain(rng, img):
    """Thin slanted streaks of light over the world, in place."""
    P, L = img.shape[0], int(rng.integers(10, 24))
    streaks = np.repeat(rng.random((P // L + 1, P)) < rng.uniform(0.01, 0.04), L, axis=0)[:P].astype(np.float32)
    slant = rng.uniform(-0.25, 0.25)
    rows = np.arange(P)
    streaks = streaks[rows[:, None], (np.arange(P)[None, :] + (rows[:, None] * slant).astype(int)) % P]
    add_light(img, streaks, np.array([200, 220, 235], np.float32), rng.uniform(0.12, 0.3))


def captions(rng, S):
    """Captions as a drama's first view shows them: a subtitle row or two of glyph strokes, white with a dark
    border, and sometimes a title card in larger strokes. An (S, S, 4) float overlay of the view, drawn at
    4x and area-filtered: premultiplied RGB and alpha."""
    Q = 256
    text = Image.new("L", (Q, Q))
    rows = [(rng.uniform(0.78, 0.9) * Q - k * 22, rng.uniform(16, 20), (255, 255, 255)) for k in range(int(rng.integers(1, 3)))]
    if rng.random() < 0.3:
        rows.append((rng.uniform(0.3, 0.5) * Q, rng.uniform(30, 44), tuple(int(v) for v in rng.uniform(150, 255, 3))))
    layers = []
    for y, g, color in rows:
        mask = Image.new("L", (Q, Q))
        draw = ImageDraw.Draw(mask)
        n = int(rng.integers(3, min(12, Q // g)))
        x0 = (Q - n * g) / 2
        for i in range(n):
            for _ in range(int(rng.integers(3, 6))):
                a, b = rng.uniform(0.1, 0.9, 2) * g, rng.uniform(0.1, 0.9, 2) * g
                axis = rng.integers(3)
                p = [(x0 + i * g + a[0], y + a[1]), (x0 + i * g + (b[0] if axis != 1 else a[0]), y + (b[1] if axis != 0 else a[1]))]
                draw.line(p, fill=255, width=max(2, int(g / 7)))
        layers.append((mask, color))
        text.paste(255, mask=mask)
    edge = text.filter(ImageFilter.MaxFilter(5))
    rgb = np.zeros((Q, Q, 3), np.float32)
    for mask, color in layers:
        m = np.asarray(mask, np.float32)[..., None] / 255
        rgb = rgb * (1 - m) + m * np.array(color, np.float32)
    alpha_t = np.asarray(text, np.float32) / 255
    alpha = np.maximum(alpha_t, 0.85 * np.asarray(edge, np.float32) / 255)
    pre = np.concatenate([rgb * alpha_t[..., None], alpha[..., None]], axis=-1)
    return np.stack([np.asarray(Image.fromarray(pre[..., c]).resize((S, S), Image.BOX)) for c in range(4)], axis=-1)


def drama_clip(rng, cfg):
    """A drama world filmed by the steered camera, with a walking figure in some clips and captions in others."""
    S, P = cfg.size, WORLD * SCALE
    img, ground, light, accent = paint_world(rng)
    for _ in range(int(rng.choice([0, 1, 1, 2]))):  # figures standing in the scene
        f, (fy, fx) = figure(rng, rng.uniform(50, 120), None if rng.random() < 0.6 else jitter(rng, rng.uniform(40, 220, 3), 0),
                            accent, umbrella=rng.random() < 0.25, bust=rng.random() < 0.2)
        img = np.asarray(composite(to_image(img), f, int(rng.uniform(0.3, 0.7) * P - fx), int(ground + rng.uniform(0, 30) - fy)), np.float32)
    if rng.random() < 0.35:
        rain(rng, img)
    z0 = float(rng.choice([1.0, 1.125, 1.265625]))
    start = (WORLD / 2 + rng.uniform(-8, 8), WORLD / 2 + rng.uniform(-8, 8), z0)
    if rng.random() < 0.4:  # captions where the first view shows them; they are part of the picture the camera moves over
        side = int(round(S / z0 * SCALE))
        y0, x0 = int(round(start[0] * SCALE - side / 2)), int(round(start[1] * SCALE - side / 2))
        sl = (slice(y0, y0 + side), slice(x0, x0 + side))  # inside the world: the start is near its middle
        overlay = captions(rng, side)
        img[sl] = img[sl] * (1 - overlay[..., 3:]) + overlay[..., :3]
    world = to_image(img)
    walker = None
    if rng.random() < 0.3:  # a figure that walks; the camera follows it sideways
        height, lit = rng.uniform(40, 80), None if rng.random() < 0.6 else jitter(rng, rng.uniform(40, 220, 3), 0)
        flip = rng.random() < 0.5
        seed = int(rng.integers(1 << 31))  # both poses of one figure: the same build and clothes
        poses = [figure(np.random.default_rng(seed), height, lit, accent, pose=k) for k in (0, 1)]
        walker = {"poses": poses, "dx": rng.uniform(-12, 12), "foot": (ground + rng.uniform(0, 20)) / SCALE, "flip": flip, "step": 0}

    def render(cy, cx, z, t, action):
        frame = Image.fromarray(film(world, cy, cx, S / z, S, SCALE))
        if walker is not None:
            if action in (1, 2):
                walker["step"] += 1
                walker["flip"] = action == 1
            f, (fy, fx) = walker["poses"][walker["step"] % 2]
            f = f.transpose(Image.FLIP_LEFT_RIGHT) if walker["flip"] else f
            k = z / SCALE  # screen px per painted px
            f = f.resize((max(1, round(f.width * k)), max(1, round(f.height * k))), Image.BILINEAR)
            sy, sx = (walker["foot"] - cy) * z + S / 2 - fy * k, S / 2 + walker["dx"] * z - fx * k
            frame = composite(frame, f, int(round(sx)), int(round(sy)))
        return np.asarray(frame)

    return camera_walk(rng, (WORLD, WORLD), start, cfg, range(7), render)
