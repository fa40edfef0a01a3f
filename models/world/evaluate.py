"""The report's figures on held-out data, and the two choices made on validation clips.

On validation clips (data.validation_seeds: neither trained on nor reported), after training:
- `choose_temperature`: the dynamics' sampling temperature with the largest ΔtPSNR(4).
- `name_actions`: each latent action is named by the true action it most often coincides with (the
  labels are read for naming only, as Genie's authors named theirs by looking); latent actions named
  alike are merged into one control, the one that coincides with that true action most often; a
  latent "noop" is the scene's stand-still and never a control.
- `learned_controls`: the issue's d-pad shows push in/out "where learned": a named control becomes a
  button only if, pressed 4 times from the first frames of the validation drama clips, it moves the
  picture as its name says in at least LEARNED % of the runs (steer.as_named; no true action read). A
  button that more often does something else than its name would mislead the viewer.

On held-out data (`evaluate`; steer.py runs the scenes on stills):
- start-frame PSNR: tokenizer round trip (the first frame as the app shows it) of the drama stills, the
  photographs and every frame of held-out clips (held_out.py, `held_out_clips`); PSNR of the pooled error.
- ΔtPSNR(4) (Genie's controllability metric): from 4 real context frames, 4 frames generated with the
  latent actions the LAM infers from the real clip and 4 with uniformly random ones; PSNR of the 4th
  generated frame against the real one, inferred minus random.
- latent-action consistency: the share of transitions whose latent action's name is the true action.

Shape key: n clips, L frames, N tokens, T context, A actions.
"""
import os
import time
from pathlib import Path

import numpy as np
import torch

from . import steer
from .agent import ACTIONS
from .batches import label_actions, rollout, to_float, to_uint8, tokenize
from .data import KINDS, ClipConfig, held_out_seeds, make_dataset
from .held_out import drama_stills, photos
from .metrics import colour_shift, pooled_psnr
from .pictures import write_pictures
from .report import write_report

GEN_STEPS = 4  # the t of ΔtPSNR(t)
LEARNED = 50.0  # % of validation runs a named control must move as named to be a button (`learned_controls`)
MOVE = ClipConfig().move  # px a press moves the view: the least shift `steer.as_named` counts
TEMPERATURES = (0.0, 0.25, 0.5, 1.0)  # the sampling temperatures `choose_temperature` tries (0 is greedy)


def held_out_clips(n: int, drama: int) -> dict:
    """Held-out clips of every kind, each kind from its own seeds (data.held_out_seeds): {kind: (frames, actions,
    kinds)}, n clips a kind and max(n, drama) drama clips (the first n count in the start-frame figure)."""
    return {name: make_dataset(held_out_seeds(max(n, drama) if k == 0 else n, k), kind=k)
            for k, name in enumerate(KINDS)}


@torch.no_grad()
def round_trip(tokenizer, frames: np.ndarray, batch: int = 256) -> np.ndarray:
    """(M, H, W, 3) uint8 -> the decoder's frames of their tokens, as the app shows them (uint8)."""
    return np.concatenate([to_uint8(tokenizer.decode(tokenizer.encode(to_float(frames[i:i + batch]))))
                           for i in range(0, len(frames), batch)])


def fidelity(tokenizer, frames: np.ndarray) -> dict:
    recon = round_trip(tokenizer, frames)
    return {"psnr": pooled_psnr(recon, frames), "shift": colour_shift(recon, frames), "recon": recon}


def psnr_t(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Per-image PSNR in dB of (B, 3, H, W) images in [0, 1]."""
    return 10 * torch.log10(1 / ((a - b) ** 2).flatten(1).mean(1).clamp(min=1e-10))


@torch.no_grad()
def delta_psnr(tokenizer, dynamics, frames: np.ndarray, tokens: torch.Tensor, latent: torch.Tensor, seed: int) -> dict:
    """ΔtPSNR(GEN_STEPS) on clips frames (k, L, H, W, 3) with their tokens (k, L, N) and inferred latent actions
    (k, L-1). Per-clip PSNRs (k,) of both arms and the frames generated."""
    gen = torch.Generator().manual_seed(seed)
    T, A = dynamics.cfg.context, dynamics.cfg.actions
    S = min(GEN_STEPS, frames.shape[1] - T)
    random_a = torch.randint(A, (len(frames), S), generator=gen)
    real = to_float(frames[:, T - 1 + S])  # (k, 3, H, W)
    _, gen_inf = rollout(tokenizer, dynamics, tokens[:, :T], latent[:, T - 1:T - 1 + S], gen)  # (k, S, 3, H, W)
    _, gen_rand = rollout(tokenizer, dynamics, tokens[:, :T], random_a, gen)
    return {"inferred": psnr_t(gen_inf[:, -1], real), "random": psnr_t(gen_rand[:, -1], real), "frames": (gen_inf, gen_rand)}


def control_figures(tokenizer, lam, dynamics, clips, names: dict, seed: int) -> dict:
    """ΔtPSNR(4) and latent-action consistency on one set of held-out clips (frames, true actions, kinds)."""
    frames, truth, _ = clips
    tokens = torch.from_numpy(tokenize(tokenizer, frames).astype(np.int64))
    latent = label_actions(lam, frames)  # (n, L-1)
    d = delta_psnr(tokenizer, dynamics, frames, tokens, torch.from_numpy(latent), seed)
    named = np.array([ACTIONS.index(x) for x in names["names"]])[latent]
    A = lam.cfg.actions
    joint = np.zeros((A, len(ACTIONS)), np.int64)
    np.add.at(joint, (latent.ravel(), truth.ravel()), 1)
    return {"delta": (d["inferred"] - d["random"]).mean().item(), "psnr_inferred": d["inferred"].mean().item(),
            "psnr_random": d["random"].mean().item(), "consistency": float((named == truth).mean() * 100),
            "joint": joint, "frames": d["frames"]}


@torch.no_grad()
def choose_temperature(tokenizer, lam, dynamics, clips, seed: int) -> dict:
    """The sampling temperature of TEMPERATURES with the largest ΔtPSNR on validation clips; sets
    dynamics.cfg.temperature, which the export writes for the runtime. Returns each candidate's ΔtPSNR in dB."""
    frames = clips[0]
    tokens = torch.from_numpy(tokenize(tokenizer, frames).astype(np.int64))  # (k, L, N)
    latent = torch.from_numpy(label_actions(lam, frames))  # (k, L-1)
    deltas = {}
    for t in TEMPERATURES:
        dynamics.cfg.temperature = t
        d = delta_psnr(tokenizer, dynamics, frames, tokens, latent, seed)
        deltas[t] = (d["inferred"] - d["random"]).mean().item()
    dynamics.cfg.temperature = max(deltas, key=deltas.get)
    return deltas


def name_actions(lam, clips) -> dict:
    """Names the latent actions on validation clips (`names_from`)."""
    frames, truth, _ = clips
    return names_from(label_actions(lam, frames), truth, lam.cfg.actions)


def names_from(latent: np.ndarray, truth: np.ndarray, A: int) -> dict:
    """Names every latent action by the true action it most often coincides with, and the controls a viewer
    gets: one per moving name, the latent action that coincides with it most often (never a noop).
    Returns {names: [A names], controls: [{action, name}] in ACTIONS order, joint: (A, len(ACTIONS)) counts}."""
    joint = np.zeros((A, len(ACTIONS)), np.int64)
    np.add.at(joint, (latent.ravel(), truth.ravel()), 1)
    names = [ACTIONS[t] for t in joint.argmax(1)]
    controls = []
    for t, name in enumerate(ACTIONS):
        same = [a for a in range(len(names)) if names[a] == name]
        if name != "noop" and same:
            controls.append({"action": int(max(same, key=lambda a: joint[a, t])), "name": name})
    return {"names": names, "controls": controls, "joint": joint}


def learned_controls(tokenizer, dynamics, clips, names: dict, seed: int) -> dict:
    """`names` with only the controls that move as named in at least LEARNED % of 4-press runs from the first
    frames of the validation drama clips (clips: frames, actions, kinds; the actions are not read). Adds
    `validation_as_named` {name: %} and `not_learned` (the names left out)."""
    frames, _, kinds = clips
    check = steer.as_named(tokenizer, dynamics, frames[kinds == KINDS.index("drama"), 0], names["controls"], seed, move=MOVE)
    return keep_learned(names, check["by_name"])


def keep_learned(names: dict, as_named: dict) -> dict:
    """`names` whose controls are those moving as named in at least LEARNED % of the runs (`as_named`: {name: %})."""
    kept = [c for c in names["controls"] if as_named[c["name"]] >= LEARNED]
    return {**names, "controls": kept, "validation_as_named": as_named, "not_learned": [c for c in names["controls"] if c not in kept]}


def stand_still_action(names: dict):
    """The latent action a scene stands still with: of those named noop, the one most often a noop."""
    same = [a for a, n in enumerate(names["names"]) if n == "noop"]
    return max(same, key=lambda a: names["joint"][a, 0]) if same else None


def evaluate(tokenizer, lam, dynamics, held: dict, names: dict, cfg, train_minutes: float, start: float,
             temperatures: dict, lam_errors: dict) -> dict:
    """Every figure of the report, its pictures, and models/REPORT.md. `held`: held_out_clips()."""
    stills, meta = drama_stills()
    if cfg.eval_stills:  # the smoke test's few
        stills, meta = stills[::len(stills) // cfg.eval_stills][:cfg.eval_stills], meta[::len(meta) // cfg.eval_stills][:cfg.eval_stills]
    pics, names_of_photos = photos()
    m = {"temperatures": temperatures, "lam_errors": lam_errors, "names": names}
    # --- start frames: the stills, the photographs, the held-out clips ---
    m["stills"] = {**fidelity(tokenizer, stills), "count": len(stills)}
    series = [s["title"] for s in meta]
    m["stills"]["by_series"] = {t: pooled_psnr(m["stills"]["recon"][[i for i, s in enumerate(series) if s == t]],
                                               stills[[i for i, s in enumerate(series) if s == t]]) for t in dict.fromkeys(series)}
    textures = [i for i, n in enumerate(names_of_photos) if n in ("brick.png", "grass.png", "gravel.png")]
    keep = [i for i in range(len(pics)) if i not in textures]
    m["photos"] = {**fidelity(tokenizer, pics[keep]), "count": len(keep), "names": [names_of_photos[i].split(".")[0] for i in keep]}
    m["textures"] = fidelity(tokenizer, pics[textures])
    clip_frames = {k: held[k][0][:cfg.held_out_clips] for k in KINDS}
    every = np.concatenate([f.reshape(-1, *f.shape[2:]) for f in clip_frames.values()])
    m["clips"] = fidelity(tokenizer, every)
    L = next(iter(clip_frames.values())).shape[1]
    recon = m["clips"].pop("recon").reshape(len(KINDS), -1, L, *every.shape[1:])
    m["clips"]["by_kind"] = {k: pooled_psnr(recon[j], clip_frames[k]) for j, k in enumerate(KINDS)}
    m["clips"]["recon_by_kind"] = {k: recon[j, 0] for j, k in enumerate(KINDS)}
    m["shift"] = max(m["stills"]["shift"], m["photos"]["shift"], m["clips"]["shift"])
    # --- control on held-out drama clips, and Genie's platformer for comparison ---
    m["drama"] = control_figures(tokenizer, lam, dynamics, held["drama"], names, cfg.seed)
    m["drama"]["clips"] = len(held["drama"][0])
    T = dynamics.cfg.context
    m["drama"]["real"] = held["drama"][0][:3, T - 1:T + GEN_STEPS]
    m["drama"]["frames_uint8"] = tuple(np.concatenate([m["drama"]["real"][:, :1], to_uint8(g[:3])], axis=1) for g in m["drama"]["frames"])
    m["platformer"] = {**control_figures(tokenizer, lam, dynamics, held["platformer"], names, cfg.seed), "clips": len(held["platformer"][0])}
    # --- scenes from the drama stills: named controls, 32 random presses, 32 stand-still presses ---
    m["named"] = steer.as_named(tokenizer, dynamics, stills, names["controls"], cfg.seed, move=MOVE)
    m["not_learned"] = steer.as_named(tokenizer, dynamics, stills, names["not_learned"], cfg.seed, move=MOVE)["by_name"]
    m["long"] = steer.long_runs(tokenizer, dynamics, stills, names["controls"], cfg.seed, steer.REACH)
    # the same with no bound: 32 presses never take the view beyond a reach of 32
    m["unbounded"] = steer.long_runs(tokenizer, dynamics, stills, names["controls"], cfg.seed, steer.LONG)["kept"]
    noop = stand_still_action(names)
    m["still"] = None if noop is None else steer.stand_still(tokenizer, dynamics, stills, noop, cfg.seed)
    m["total_minutes"] = (time.time() - start) / 60
    m["train_minutes"] = train_minutes
    m["machine"] = (f"Load average over the last 15 minutes when the evaluation ended: {os.getloadavg()[2]:.1f} on "
                    f"{os.cpu_count()} cores shared with the team (see BENCHMARKS.md).")
    write_pictures(Path(cfg.report).parent / "report", m, stills, meta, pics[keep], held)
    write_report(Path(cfg.report), m, cfg, tokenizer, lam, dynamics, LEARNED)
    return m
