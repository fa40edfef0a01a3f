"""Three kinds of clip that are not dramas: Genie's platformer, a sprite on any picture, a camera pan.

- platformer: tiles, colours and parallax backgrounds vary per seed; the character runs and jumps
  under gravity, the camera follows it sideways, enemies patrol and coins bob. Pixel art: drawn at
  the frame's resolution, without anti-aliasing.
- sprite: a sprite walks over an arbitrary procedural picture and the camera follows it both ways,
  so the picture scrolls under it: latent actions learn to move the view on pictures that are not games.
- pan: the camera pans over a larger procedural picture and pushes in or pulls out.

The sprite's and the pan's pictures are painted at twice the frame's resolution and filmed with an
area filter (paint.film), so their edges are anti-aliased and a push-in never magnifies pixels.

Shape key: L frames per clip, S = 64 px a side.
"""
import numpy as np

from .agent import MOVES, camera_walk, sticky_actions
from .paint import film, paste, procedural_image, random_color, sprite_mask, to_image

TILE = 8
PAINT_SCALE = 2  # painted px per world px of the sprite's and the pan's pictures


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


def platformer_clip(rng, cfg):
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

    acts = sticky_actions(rng, L - 1, cfg.sticky, allowed=range(5))
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
        frames.append(np.clip(img, 0, 255).astype(np.uint8))
        if t == L - 1:
            break
        a = int(acts[t])
        if a == 3 and y < 14:  # keeps every recorded action visible: no jumping through the sky's top
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


def picture_world(rng, side):
    """A procedural picture of side x side world px, painted at PAINT_SCALE, as an image to film."""
    return to_image(procedural_image(rng, side * PAINT_SCALE, side * PAINT_SCALE, PAINT_SCALE))


def sprite_clip(rng, cfg):
    """The camera keeps the sprite in the middle of the frame, so every move scrolls the picture under it."""
    S, side = cfg.size, 192
    world = picture_world(rng, side)
    size = int(rng.integers(7, 14))
    mask, col = sprite_mask(rng, size), random_color(rng)

    def render(cy, cx, z, t, action):
        img = film(world, cy, cx, S / z, S, PAINT_SCALE).astype(np.float32)
        paste(img, mask, col, (S - size) // 2, (S - size) // 2)
        return img.astype(np.uint8)

    return camera_walk(rng, (side, side), (side / 2, side / 2, 1.0), cfg, range(5), render)


def pan_clip(rng, cfg):
    """The camera pans over a larger picture and pushes in or pulls out; it starts at a random zoom."""
    side = 192
    world = picture_world(rng, side)
    z0 = float(rng.choice([1.0, 1.125, 1.265625]))
    return camera_walk(rng, (side, side), (side / 2, side / 2, z0), cfg, range(7),
                       lambda cy, cx, z, t, a: film(world, cy, cx, cfg.size / z, cfg.size, PAINT_SCALE))
