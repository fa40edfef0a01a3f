"""Training clips, deterministic by seed: a drama, Genie's platformer, a sprite on any picture, a camera pan.

Every clip is `frames` full-colour RGB frames of 64x64 (uint8) played by a sticky random agent
(agent.py). The agent's true actions are saved beside the frames for evaluation and for naming the
latent actions after training; no training loss reads them.

Kinds of clip (shares in `ClipConfig`):
- drama (drama.py): procedural pictures that look like the stills viewers start scenes from (night
  streets, rooms, windows, rain, bokeh, silhouettes and lit figures, captions), filmed by a camera
  that pans, pushes in and out, and follows a walking figure. The largest share: these are the frames
  a viewer's scene starts from.
- platformer, sprite, pan (games.py): Genie's platformer (for the report's comparison with Genie), and
  arbitrary pictures that the camera scrolls or zooms over.

Colours are the painters' own, 8 bits a channel, not snapped to a palette: a scene starts from a
film still or a photograph.

Shape key: L frames per clip, H = W = 64, C = 3.
"""
from dataclasses import dataclass

import numpy as np

from .drama import drama_clip
from .games import pan_clip, platformer_clip, sprite_clip

KINDS = ("drama", "platformer", "sprite", "pan")
HELD_OUT_SEED_BASE = 1_000_000  # held-out clips use seeds >= this; training seeds are below it
VALIDATION_SEED_BASE = 2_000_000  # validation clips (choices made after training: the LAM run kept, the
# sampling temperature, the names of the latent actions) use seeds >= this: never trained on, and never
# the held-out clips the report measures


@dataclass
class ClipConfig:
    frames: int = 16  # L: 4 context frames + up to 12 to predict
    size: int = 64
    sticky: float = 0.3  # chance the agent repeats its last action; kept low so that the past gives the next action
    # away less often, and a dynamics that only continues the last motion gains less
    share_drama: float = 0.45
    share_platformer: float = 0.2
    share_sprite: float = 0.15  # the rest are pans
    move: int = 4  # px a step the view moves: one token of the tokenizer's 4x4 patches, so that a move shifts
    # tokens whole and the dynamics can copy them from the neighbour (agent.ZOOM moves the frame's edge as far)

    def kind_of(self, u: float) -> int:
        """The kind of a clip from a uniform draw u in [0, 1)."""
        edges = np.cumsum([self.share_drama, self.share_platformer, self.share_sprite])
        return int(np.searchsorted(edges, u, side="right"))


CLIP_MAKERS = (drama_clip, platformer_clip, sprite_clip, pan_clip)  # in the order of KINDS


def make_clip(seed: int, cfg: ClipConfig = ClipConfig(), kind: int = None):
    """Returns frames uint8 (L, H, W, 3), true actions int64 (L-1,), and the kind's index. `kind` forces one
    kind (held-out sets of one kind); by default the seed draws it by the configured shares."""
    rng = np.random.default_rng(seed)
    drawn = cfg.kind_of(rng.random())
    kind = drawn if kind is None else kind
    frames, acts = CLIP_MAKERS[kind](rng, cfg)
    return frames, acts, kind


def make_dataset(seeds, cfg: ClipConfig = ClipConfig(), kind: int = None):
    """Stacks clips: frames uint8 (n, L, H, W, 3), actions int64 (n, L-1), kinds int64 (n,)."""
    clips = [make_clip(int(s), cfg, kind) for s in seeds]
    return (np.stack([c[0] for c in clips]), np.stack([c[1] for c in clips]),
            np.array([c[2] for c in clips], dtype=np.int64))


def train_seeds(n):
    return np.arange(n)


def held_out_seeds(n, kind: int = 0):
    """Seeds of n held-out clips of one kind (each kind its own range above HELD_OUT_SEED_BASE)."""
    return HELD_OUT_SEED_BASE + 100_000 * kind + np.arange(n)


def validation_seeds(n):
    return VALIDATION_SEED_BASE + np.arange(n)
