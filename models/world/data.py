"""Procedural training clips, deterministic by seed: a platformer, a sprite on any image, a camera pan.

Every clip is `frames` RGB frames of 64x64 (uint8) played by a sticky random agent. The agent's true
actions are saved beside the frames for evaluation only (consistency of the latent actions); no
training loss reads them. The true actions share one meaning across the three kinds of clip, the
platformer's: left/right walk (the camera follows, so the view scrolls), up/down lift or lower the
controlled thing in view (a jump, a crouch or a fast fall; the sprite; in a pan, the picture itself):

    0 noop   1 left   2 right   3 up (jump / sprite up / picture up)   4 down (crouch or fall fast / sprite down / picture down)

So every up moves something up on screen and every down moves something down. (Before commit 17c7351 a
pan's up moved the camera up, so the picture moved down, as a sprite's down does; the latent action
model, which reads motion, then gave a pan's down and a sprite's up one code, and lost one of them.)

Kinds of clip (shares in `ClipConfig`):
- platformer: tiles, palettes and parallax backgrounds vary per seed; the character runs and jumps
  under gravity, the camera follows it sideways, enemies patrol and coins bob.
- sprite: a controllable sprite moves over an arbitrary procedural image (gradients, blobs, stripes,
  rooms, value noise), so that latent actions learn to move *something* on an image that is not a game;
  as in the platformer, the camera follows it sideways and it moves up and down in view.
- pan: the camera pans over a larger procedural image, so that actions can also move the whole view:
  left/right as in the other kinds (the view scrolls the other way), up/down drag the picture.

Colours are snapped to a 64-colour palette (`to_palette`).

Shape key: L frames per clip, H = W = 64, C = 3.
"""
from dataclasses import dataclass

import numpy as np

ACTIONS = ("noop", "left", "right", "up", "down")
MOVES = np.array([[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]])  # (dx, dy) per true action
KINDS = ("platformer", "sprite", "pan")
HELD_OUT_SEED_BASE = 1_000_000  # held-out clips use seeds >= this; training seeds are below it
VALIDATION_SEED_BASE = 2_000_000  # validation clips (choices made after training, such as the sampling temperature) use
# seeds >= this: never trained on, and never the held-out clips the report measures


@dataclass
class ClipConfig:
    frames: int = 16  # L: 4 context frames + up to 12 to predict
    size: int = 64
    sticky: float = 0.3  # chance the agent repeats its last action; kept low so that the past gives the next action
    # away less often, and a dynamics that only continues the last motion gains less (ΔtPSNR stayed near 0 at 0.6 and at 0.3)
    share_platformer: float = 0.5
    share_sprite: float = 0.25  # the rest are pans
    move: int = 4  # px a step sideways (all kinds) and up or down (sprite, pan): one token of the tokenizer's
    # 4x4 patches, so that a move shifts tokens whole and the dynamics can copy them from the neighbour (the
    # platformer's parallax background moves half as far, and a jump's height changes by 4 px or less a step)


# --- procedural pictures -------------------------------------------------------------------------

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


def procedural_image(rng, h, w):
    """An arbitrary picture: a gradient or noise base with blobs, stripes, boxes or checks. (h, w, 3) float."""
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
        ry, rx = 3 + rng.random() * h / 4, 3 + rng.random() * w / 4
        if kind == 0:  # ellipse
            m = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 < 1
        elif kind == 1:  # box: furniture, windows, doors
            m = (abs(yy - cy) < ry) & (abs(xx - cx) < rx)
        elif kind == 2:  # stripes
            p = rng.integers(4, 16)
            m = ((xx + yy * rng.integers(-1, 2)) // p % 2 == 0) & (abs(yy - cy) < ry * 2)
        else:  # checks
            p = rng.integers(4, 12)
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


# --- the sticky random agent ---------------------------------------------------------------------

def sticky_actions(rng, steps, sticky):
    """Repeats its previous action with probability `sticky`, else draws one uniformly. The renderers
    replace a move that would hit a border by noop (and record noop), so every recorded action is visible."""
    acts, a = [], int(rng.integers(len(ACTIONS)))
    for t in range(steps):
        if t > 0 and rng.random() >= sticky:
            a = int(rng.integers(len(ACTIONS)))
        acts.append(a)
    return np.array(acts, dtype=np.int64)


# --- kind 1: platformer --------------------------------------------------------------------------

TILE = 8


def make_tile(rng, color):
    """One 8x8 tile: bricks, dots, stripes or plain, with a lit top edge."""
    yy, xx = np.mgrid[0:TILE, 0:TILE]
    style = rng.integers(4)
    pattern = [(yy % 4 == 3) | ((xx + 4 * (yy // 4 % 2)) % 8 == 0), (yy % 4 == 1) & (xx % 4 == 1),
               (xx + yy) % 4 == 0, np.zeros((TILE, TILE), bool)][style]
    tile = np.broadcast_to(color, (TILE, TILE, 3)).copy()
    tile[pattern] *= 0.6
    tile[0] = np.minimum(color * 1.3 + 20, 255)
    return tile


def platformer_clip(rng, cfg: ClipConfig):
    S, L, world_w = cfg.size, cfg.frames, 512
    # --- level: sky, parallax hills, ground and one-way platforms ---
    sky = np.linspace(0, 1, S, dtype=np.float32)[:, None, None]
    sky = random_color(rng, 60, 255) * (1 - sky) + random_color(rng, 60, 255) * sky  # (S, 1, 3)
    far = np.broadcast_to(sky, (S, world_w, 3)).copy()
    hill_col = random_color(rng, 30, 200)
    xs = np.arange(world_w)
    hills = S * (0.55 + 0.15 * np.sin(xs / rng.uniform(8, 20) + rng.random() * 6) + 0.08 * np.sin(xs / 5.3))
    far[np.arange(S)[:, None] > hills[None, :]] = hill_col
    for _ in range(6):  # clouds
        cy, cx = rng.integers(4, 20), rng.integers(0, world_w)
        yy, xx = np.mgrid[0:S, 0:world_w]
        far[((yy - cy) / 3) ** 2 + ((xx - cx) / 8) ** 2 < 1] = 245
    level = far.copy()
    solid = np.zeros((S // TILE, world_w // TILE), bool)
    ground_rows = int(rng.integers(1, 3))
    solid[-ground_rows:] = True
    for _ in range(int(rng.integers(8, 20))):
        r, c, n = rng.integers(2, S // TILE - ground_rows - 1), rng.integers(0, world_w // TILE - 4), rng.integers(2, 6)
        solid[r, c:c + n] = True
    ground_tile, plat_tile = make_tile(rng, random_color(rng, 40, 220)), make_tile(rng, random_color(rng, 40, 220))
    for r, c in zip(*np.nonzero(solid)):
        level[r * TILE:(r + 1) * TILE, c * TILE:(c + 1) * TILE] = ground_tile if r >= S // TILE - ground_rows else plat_tile
    floor_y = S - ground_rows * TILE
    # --- characters: the player, patrolling enemies, bobbing coins ---
    player_col, player = random_color(rng, 0, 255), sprite_mask(rng, 8)
    enemies = [[rng.integers(0, world_w), rng.choice([-1, 1]), random_color(rng)] for _ in range(int(rng.integers(3, 8)))]
    enemy_mask = sprite_mask(rng, 6)
    coins = [(int(rng.integers(0, world_w)), int(rng.integers(8, floor_y - 12))) for _ in range(10)]
    coin_col = random_color(rng, 150, 255)
    x, y, vy = float(rng.integers(200, 300)), float(floor_y - 8), 0.0

    def blocked_above_floor(px, py):  # the top of the nearest solid under the player's feet, or None
        c = int(px + 4) // TILE
        for r in range(int(py + 8) // TILE, S // TILE):
            if solid[r, c]:
                return r * TILE
        return None

    def allowed(a):  # keeps every recorded action visible: no jumping through the sky's top
        return not (a == 3 and y < 14)

    acts = sticky_actions(rng, L - 1, cfg.sticky)
    frames = []
    for t in range(L):
        cam = int(np.clip(x - S / 2 + 4, 0, world_w - S))
        img = np.where((level[:, cam:cam + S] == far[:, cam:cam + S]).all(-1, keepdims=True),
                      far[:, (np.arange(cam, cam + S) // 2 + 100) % world_w], level[:, cam:cam + S])  # parallax
        for e in enemies:
            paste(img, enemy_mask, e[2], floor_y - 6, int(e[0]) - cam)
        for (cx, cy) in coins:
            paste(img, np.ones((3, 3), bool), coin_col, cy + int(2 * np.sin(t + cx)), cx - cam)
        crouch = t > 0 and acts[t - 1] == 4 and vy == 0
        body = player[3:] if crouch else player
        paste(img, body, player_col, int(y) + (3 if crouch else 0), int(x) - cam)
        frames.append(img)
        if t == L - 1:
            break
        a = int(acts[t])
        if not allowed(a):
            a = acts[t] = 0
        # --- physics: direct horizontal control, gravity, jump impulse, fast fall, one-way platforms ---
        x = float(np.clip(x + cfg.move * MOVES[a][0], 0, world_w - 8))
        floor = blocked_above_floor(x, y)
        on_ground = floor is not None and y + 8 == floor
        if a == 3:
            vy = -4.0
        elif a == 4 and not on_ground:
            vy = max(vy, 4.0)
        elif not on_ground:
            vy = min(vy + 1.0, 4.0)
        else:
            vy = 0.0
        ny = y + vy
        floor = blocked_above_floor(x, y)
        if vy > 0 and floor is not None and y + 8 <= floor < ny + 8:
            ny, vy = float(floor - 8), 0.0
        y = max(ny, 0.0)
        for e in enemies:
            e[0] += e[1]
            if rng.random() < 0.05:
                e[1] = -e[1]
    return np.stack(frames), acts


# --- kind 2: a sprite on an arbitrary image ------------------------------------------------------

def sprite_clip(rng, cfg: ClipConfig):
    """The sprite moves as the platformer's player does on screen: the camera follows it sideways (so
    left/right scroll the image under it) and stays put vertically (so up/down move the sprite in view).
    The true actions then look alike in every kind of clip: left/right shift the view, up/down move the
    controlled thing up or down on screen (in a pan, the picture), and 8 latent actions suffice for the motions."""
    S, L, wide = cfg.size, cfg.frames, 192
    bg = procedural_image(rng, S, wide)
    size = int(rng.integers(7, 14))
    mask, col = sprite_mask(rng, size), random_color(rng)
    y, x = int(rng.integers(0, S - size)), (wide - size) // 2  # x in the wide image; 15 sideways moves of 4 px keep the camera inside
    acts = sticky_actions(rng, L - 1, cfg.sticky)
    frames = []
    for t in range(L):
        cam = x + size // 2 - S // 2  # the camera keeps the sprite in the middle, as the platformer's
        img = bg[:, cam:cam + S].copy()
        paste(img, mask, col, y, x - cam)
        frames.append(img)
        if t == L - 1:
            break
        dx, dy = MOVES[acts[t]] * cfg.move  # sideways at the platformer's speed, so "left" looks the same in both
        if not 0 <= y + dy <= S - size:  # a move into the top or bottom border is recorded as noop
            acts[t], dx, dy = 0, 0, 0
        x, y = x + dx, y + dy
    return np.stack(frames), acts


# --- kind 3: a camera pan over a larger image ----------------------------------------------------

def pan_clip(rng, cfg: ClipConfig):
    S, L, big = cfg.size, cfg.frames, 192
    bg = procedural_image(rng, big, big)
    y, x = (big - S) // 2, (big - S) // 2
    acts = sticky_actions(rng, L - 1, cfg.sticky)
    frames = []
    for t in range(L):
        frames.append(bg[y:y + S, x:x + S].copy())
        if t == L - 1:
            break
        dx, dy = MOVES[acts[t]] * cfg.move  # as the sprite clips: the camera follows left/right
        x, y = x + dx, y - dy  # up/down move the picture, so the camera the other way; 15 moves of 4 px
        # from the middle never leave the 192 px image
    return np.stack(frames), acts


# --- clips and datasets --------------------------------------------------------------------------

def make_clip(seed: int, cfg: ClipConfig = ClipConfig()):
    """Returns frames uint8 (L, H, W, 3), true actions int64 (L-1,), and the kind's index."""
    rng = np.random.default_rng(seed)
    u = rng.random()
    kind = 0 if u < cfg.share_platformer else 1 if u < cfg.share_platformer + cfg.share_sprite else 2
    frames, acts = (platformer_clip, sprite_clip, pan_clip)[kind](rng, cfg)
    return to_palette(frames), acts, kind


def to_palette(img):
    """Snaps colours to a 64-colour palette (4 levels a channel), as 8- and 16-bit era platformers did.
    Besides the look, this bounds the information in a 4x4 patch, which the 1000-code tokenizer needs."""
    return (np.round(np.clip(img, 0, 255) / 85) * 85).astype(np.uint8)


def make_dataset(seeds, cfg: ClipConfig = ClipConfig()):
    """Stacks clips: frames uint8 (n, L, H, W, 3), actions int64 (n, L-1), kinds int64 (n,)."""
    clips = [make_clip(int(s), cfg) for s in seeds]
    return (np.stack([c[0] for c in clips]), np.stack([c[1] for c in clips]),
            np.array([c[2] for c in clips], dtype=np.int64))


def train_seeds(n):
    return np.arange(n)


def held_out_seeds(n):
    return HELD_OUT_SEED_BASE + np.arange(n)


def validation_seeds(n):
    return VALIDATION_SEED_BASE + np.arange(n)
