"""The true actions, the sticky random agent that plays them, and the camera they steer.

The true actions are recorded beside every clip for evaluation and for naming the latent actions after
training; no training loss reads them. They mean the same in every kind of clip, as a viewer's controls:

    0 noop   1 left   2 right   3 up   4 down   5 in (push in)   6 out (pull out)

left/right/up/down move the view that way (the camera pans, or follows a figure or a sprite that walks
that way), so the picture on screen shifts the other way by `move` px: after "left" the scene sits 4 px
further right. in/out push the camera in or pull it out by a factor `ZOOM` a step. The platformer, the
one exception, keeps Genie's game: up jumps and down crouches or falls fast while the camera only
follows sideways, so there up and down move the player on screen, not the view.
"""
import numpy as np

ACTIONS = ("noop", "left", "right", "up", "down", "in", "out")
MOVES = np.array([[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1], [0, 0], [0, 0]])  # (dx, dy) of the view per true action
ZOOM = 1.125  # in/out scale the view by this a step: the frame's edge moves 32 * 0.125 = 4 px, one token
ZOOM_RANGE = (ZOOM ** -2, ZOOM ** 4)  # the camera's zoom stays within these; a press beyond is recorded as noop


def sticky_actions(rng, steps, sticky, allowed):
    """Repeats its previous action with probability `sticky`, else draws one of `allowed` uniformly. The
    renderers replace a move the world cannot make (a border, the zoom range) by noop and record noop, so
    every recorded action is visible."""
    allowed = np.asarray(allowed)
    acts, a = [], int(rng.choice(allowed))
    for t in range(steps):
        if t > 0 and rng.random() >= sticky:
            a = int(rng.choice(allowed))
        acts.append(a)
    return np.array(acts, dtype=np.int64)


def camera_walk(rng, world_hw, start, cfg, allowed, render):
    """Steers a camera over a world of (height, width) world px with the sticky agent. The camera is
    (cy, cx, z): it shows the square of side size / z centred on (cy, cx), and `render(cy, cx, z, t,
    action)` films it (action: the one that led to this frame, -1 for the first). A move shifts the view
    by `move` screen px (move / z world px), so a pan looks the same at any zoom. Returns frames (L, S, S, 3)
    uint8 and the actions (L-1,) as taken."""
    H, W = world_hw
    S, L = cfg.size, cfg.frames
    cy, cx, z = start
    acts = sticky_actions(rng, L - 1, cfg.sticky, allowed)
    frames = [render(cy, cx, z, 0, -1)]
    for t in range(L - 1):
        a = int(acts[t])
        ny, nx, nz = cy + MOVES[a][1] * cfg.move / z, cx + MOVES[a][0] * cfg.move / z, z
        if a == 5:
            nz = z * ZOOM
        elif a == 6:
            nz = z / ZOOM
        half = S / nz / 2
        if not (ZOOM_RANGE[0] - 1e-6 <= nz <= ZOOM_RANGE[1] + 1e-6 and half <= ny <= H - half and half <= nx <= W - half):
            acts[t], a, ny, nx, nz = 0, 0, cy, cx, z  # the world ends there: noop
        cy, cx, z = ny, nx, nz
        frames.append(render(cy, cx, z, t + 1, a))
    return np.stack(frames), acts
