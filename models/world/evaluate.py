"""Genie's metrics on held-out clips, picture strips, and models/REPORT.md.

- tokenizer PSNR: reconstruct every held-out frame through the tokens; PSNR of the mean squared error
  over all of them (and, beside it, the mean of per-frame PSNRs).
- ΔtPSNR(4) (Genie's controllability metric): from 4 real context frames, generate 4 frames with the
  latent actions the LAM infers from the real clip, and 4 with uniformly random latent actions;
  PSNR of the 4th generated frame against the real one, inferred minus random. It is sampled at the
  temperature `choose_temperature` picked on validation clips (other seeds), not on these.
- latent-action consistency: map each latent action to the true action it most often coincides with on
  held-out transitions; the share of transitions where the mapped action is the true one.
- usage: codes of the codebook and latent actions seen on held-out data, with their entropy.
- one row per latent action from the same start, for a held-out platformer frame and for a synthetic
  drama frame (never in training); mean pairwise difference of the 8 next frames.

Shape key: n clips, L frames, N tokens, T context, A actions.
"""
import itertools
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from .data import ACTIONS, KINDS, to_palette
from .train import label_actions, tokenize

GEN_STEPS = 4  # the t of ΔtPSNR(t)
TEMPERATURES = (0.0, 0.25, 0.5, 1.0)  # the sampling temperatures `choose_temperature` tries (0 is greedy)


def psnr(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Per-image PSNR in dB of (B, 3, H, W) images in [0, 1]."""
    mse = ((a - b) ** 2).flatten(1).mean(1).clamp(min=1e-10)
    return 10 * torch.log10(1 / mse)


def entropy_bits(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def drama_frame(size: int = 64) -> np.ndarray:
    """A synthetic frame of a short drama: a room (wall gradient, floor, window), a figure, and a
    subtitle bar with glyph-like strokes. Drawn here only; the training generator never calls it."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    img = np.zeros((size, size, 3), np.float32)
    wall = np.array([196, 170, 140]) * (1 - yy[..., None] / size * 0.5) + np.array([40, 30, 50]) * (xx[..., None] / size) * 0.3
    img[:] = wall
    img[yy > 40] = np.array([110, 80, 60]) + (yy[yy > 40, None] - 40) * 1.5  # floor
    win = (yy > 8) & (yy < 26) & (xx > 40) & (xx < 58)
    img[win] = np.array([150, 190, 230]) - yy[win, None] * 1.5  # window with sky
    img[win & ((abs(xx - 49) < 1) | (abs(yy - 17) < 1))] = 90  # window frame
    head = (xx - 22) ** 2 + (yy - 18) ** 2 < 16
    body = (abs(xx - 22) < 6 - (yy - 24) * -0.1) & (yy > 22) & (yy < 46)
    img[body] = [150, 30, 40]  # a red coat
    img[head] = [230, 190, 160]
    img[(xx - 22) ** 2 + (yy - 16) ** 2 < 14] *= np.where(yy[(xx - 22) ** 2 + (yy - 16) ** 2 < 14, None] < 16, 0.2, 1)  # hair
    img[yy > 52] *= 0.35  # subtitle bar
    rng = np.random.default_rng(7)
    for c in range(6):  # six "characters", each a few strokes
        x0 = 8 + c * 8
        for _ in range(3):
            if rng.random() < 0.5:
                img[55 + rng.integers(0, 6), x0:x0 + 6] = 235
            else:
                img[54:62, x0 + rng.integers(0, 6)] = 235
    return np.clip(img, 0, 255).astype(np.uint8)


def to_float(frames: np.ndarray) -> torch.Tensor:
    return (torch.from_numpy(np.ascontiguousarray(frames)).float() / 255).movedim(-1, -3)


def to_uint8(x: torch.Tensor) -> np.ndarray:
    return (x.clamp(0, 1).movedim(-3, -1) * 255).round().byte().numpy()


@torch.no_grad()
def rollout(tokenizer, dynamics, context_tokens: torch.Tensor, actions: torch.Tensor, gen: torch.Generator):
    """context_tokens (B, T, N), actions (B, S) -> generated frames (B, S, 3, H, W), sampled at the dynamics'
    temperature."""
    ctx, out = context_tokens.clone(), []
    for s in range(actions.shape[1]):
        nxt = dynamics.sample(ctx, actions[:, s], generator=gen)  # (B, N)
        out.append(tokenizer.decode(nxt))
        ctx = torch.cat([ctx[:, 1:], nxt[:, None]], dim=1)
    return torch.stack(out, dim=1)


@torch.no_grad()
def delta_psnr(tokenizer, dynamics, frames: np.ndarray, tokens: torch.Tensor, latent: torch.Tensor, seed: int) -> dict:
    """ΔtPSNR(GEN_STEPS) on clips frames (k, L, H, W, 3) with their tokens (k, L, N) and inferred latent actions
    (k, L-1): from frames 0..T-1, GEN_STEPS frames with the inferred actions and with uniformly random ones, each
    judged at frame T-1+GEN_STEPS. Per-clip PSNRs (k,) of both arms and the frames generated."""
    gen = torch.Generator().manual_seed(seed)
    T, A = dynamics.cfg.context, dynamics.cfg.actions
    S = min(GEN_STEPS, frames.shape[1] - T)
    random_a = torch.randint(A, (len(frames), S), generator=gen)
    real = to_float(frames[:, T - 1 + S])  # (k, 3, H, W)
    gen_inf = rollout(tokenizer, dynamics, tokens[:, :T], latent[:, T - 1:T - 1 + S], gen)  # (k, S, 3, H, W)
    gen_rand = rollout(tokenizer, dynamics, tokens[:, :T], random_a, gen)
    return {"inferred": psnr(gen_inf[:, -1], real), "random": psnr(gen_rand[:, -1], real), "frames": (gen_inf, gen_rand)}


@torch.no_grad()
def choose_temperature(tokenizer, lam, dynamics, clips, seed: int) -> dict:
    """The sampling temperature of TEMPERATURES with the largest ΔtPSNR on validation clips (data.validation_seeds:
    neither trained on nor reported), as any hyperparameter is chosen; sets dynamics.cfg.temperature, which the
    export writes for the runtime and `evaluate` samples with. Returns each candidate's ΔtPSNR in dB."""
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


def save_strip(path: Path, rows, labels=None):
    """rows: list of (k, H, W, 3) uint8; written as a grid scaled 2x, one row each."""
    grid = np.concatenate([np.concatenate(list(r), axis=1) for r in rows], axis=0)
    Image.fromarray(grid).resize((grid.shape[1] * 2, grid.shape[0] * 2), Image.NEAREST).save(path)


@torch.no_grad()
def evaluate(tokenizer, lam, dynamics, held, cfg, train_minutes: float, start: float, temperatures: dict, lam_errors: dict) -> dict:
    """Every figure of the report on the held-out clips; `temperatures` is choose_temperature's table, `lam_errors`
    train_lam's validation error of each latent action run it started (the lowest was carried on)."""
    frames, true_actions, kinds = held  # (n, L, H, W, 3), (n, L-1), (n,)
    n, L = frames.shape[:2]
    T = dynamics.cfg.context
    pics = Path(cfg.report).parent / "report"
    pics.mkdir(parents=True, exist_ok=True)
    gen = torch.Generator().manual_seed(cfg.seed)
    m = {"temperatures": temperatures, "lam_errors": lam_errors}

    # --- tokenizer: PSNR and code usage on every held-out frame ---
    x = to_float(frames.reshape(-1, *frames.shape[2:]))  # (n*L, 3, H, W)
    tokens = torch.cat([tokenizer.encode(x[i:i + 256]) for i in range(0, len(x), 256)])  # (n*L, N)
    recon = torch.cat([tokenizer.decode(tokens[i:i + 256]) for i in range(0, len(x), 256)])
    # PSNR of the mean squared error over every held-out pixel: a frame that comes back exactly has no finite
    # PSNR of its own, so a mean of per-frame PSNRs would hinge on where it is capped; the mean of per-frame
    # PSNRs (capped at 100 dB) is reported beside it, as the figure used to be
    m["psnr"] = (10 * torch.log10(1 / ((recon - x) ** 2).mean())).item()
    m["psnr_per_frame"] = psnr(recon, x).mean().item()
    exact = (recon - x).abs() < 0.5 / 255  # right once rounded to 8 bits
    m["exact_frames"] = float(exact.flatten(1).all(1).float().mean() * 100)
    m["exact_values"] = float(exact.float().mean() * 100)
    # where the misses are: 4x4 patches by how many colours they hold, and the share of each that comes back exactly
    g = tokenizer.cfg.grid
    patches = frames.reshape(-1, g, 4, g, 4, 3).transpose(0, 1, 3, 2, 4, 5).reshape(-1, 16, 3)  # (n*L*N, 16 pixels, 3)
    code = patches[..., 0].astype(np.int64) * 65536 + patches[..., 1].astype(np.int64) * 256 + patches[..., 2]
    code.sort(axis=1)
    colours = np.minimum(1 + (np.diff(code, axis=1) != 0).sum(1), 3)  # (n*L*N,): 1, 2, or 3 for three or more
    patch_exact = exact.all(1).view(-1, g, 4, g, 4).permute(0, 1, 3, 2, 4).reshape(-1, 16).all(1).numpy()  # all 48 values
    m["patches_by_colours"] = {c: (float((colours == c).mean() * 100), float(patch_exact[colours == c].mean() * 100))
                               for c in (1, 2, 3) if (colours == c).any()}
    counts = np.bincount(tokens.flatten().numpy(), minlength=tokenizer.cfg.codebook_size)
    m["codes_used"], m["code_entropy"] = int((counts > 0).sum()), entropy_bits(counts)
    # FSQ cannot lose codes to a dead codebook; it collapses when a digit sticks to a few of its levels
    digits = tokenizer.fsq.indices_to_codes(tokens) * tokenizer.fsq.half_width + tokenizer.fsq.half_width  # (n*L, N, d)
    m["digit_levels_used"] = [int(len(torch.unique(digits[..., j]))) for j in range(digits.shape[-1])]
    m["digit_entropy"] = [entropy_bits(np.bincount(digits[..., j].long().flatten().numpy())) for j in range(digits.shape[-1])]
    m["token_count"] = tokens.numel()
    tokens = tokens.view(n, L, -1)
    save_strip(pics / "tokenizer.png", [frames[i, :8] for i in range(3)] + [to_uint8(recon.view(n, L, *recon.shape[1:])[i, :8]) for i in range(3)])

    # --- latent actions: consistency with the true actions, usage ---
    latent = label_actions(lam, frames).reshape(-1)  # (n*(L-1),)
    truth = true_actions.reshape(-1)
    A = lam.cfg.actions
    joint = np.zeros((A, len(ACTIONS)), np.int64)
    np.add.at(joint, (latent, truth), 1)
    mapping = joint.argmax(1)  # latent action -> the true action it most often coincides with
    m["consistency"] = float((mapping[latent] == truth).mean() * 100)
    kind_of = np.repeat(kinds, L - 1)
    m["consistency_by_kind"] = {KINDS[j]: float((mapping[latent] == truth)[kind_of == j].mean() * 100)
                                for j in range(len(KINDS)) if (kind_of == j).any()}
    a_counts = np.bincount(latent, minlength=A)
    m["actions_used"], m["action_entropy"] = int((a_counts >= 0.01 * len(latent)).sum()), entropy_bits(a_counts)
    m["joint"], m["mapping"], m["action_counts"] = joint, mapping, a_counts
    latent = torch.from_numpy(latent).view(n, L - 1)

    # --- ΔtPSNR(4): inferred vs random latent actions, from frames 0..T-1, judged at frame T-1+4 ---
    k = min(cfg.eval_clips, n)
    S = min(GEN_STEPS, L - T)
    d = delta_psnr(tokenizer, dynamics, frames[:k], tokens[:k], latent[:k], cfg.seed)
    p_inf, p_rand, (gen_inf, gen_rand) = d["inferred"], d["random"], d["frames"]
    m["psnr_inferred"], m["psnr_random"] = p_inf.mean().item(), p_rand.mean().item()
    m["delta_psnr"] = m["psnr_inferred"] - m["psnr_random"]
    m["delta_by_kind"] = {KINDS[j]: (p_inf - p_rand)[torch.from_numpy(kinds[:k] == j)].mean().item()
                          for j in range(len(KINDS)) if (kinds[:k] == j).any()}
    rows = []
    for i in range(min(3, k)):
        rows += [frames[i, T - 1:T + S], np.concatenate([frames[i, T - 1:T], to_uint8(gen_inf[i])]),
                 np.concatenate([frames[i, T - 1:T], to_uint8(gen_rand[i])])]
    save_strip(pics / "rollouts.png", rows)

    # --- one row per latent action: a held-out platformer frame, and the unseen drama frame ---
    def action_rows(start_tokens: torch.Tensor, name: str):
        ctx = start_tokens[None].expand(A, -1, -1)  # (A, T, N)
        acts = torch.arange(A)[:, None].expand(A, S)  # each row repeats one action
        out = rollout(tokenizer, dynamics, ctx, acts, gen)  # (A, S, 3, H, W)
        first = out[:, 0].flatten(1)  # (A, 3*H*W)
        diffs = [(first[a] - first[b]).abs().mean().item() * 255 for a, b in itertools.combinations(range(A), 2)]
        start_img = to_uint8(tokenizer.decode(start_tokens[-1:]))[0]
        save_strip(pics / f"actions_{name}.png", [np.concatenate([start_img[None], to_uint8(out[a])]) for a in range(A)])
        return float(np.mean(diffs))

    plat = int(np.flatnonzero(kinds == 0)[0]) if (kinds == 0).any() else 0
    m["pairwise_platformer"] = action_rows(tokens[plat, :T], "platformer")
    drama = drama_frame()
    drama_tokens = tokenizer.encode(to_float(drama[None]))  # (1, N)
    m["drama_psnr"] = psnr(tokenizer.decode(drama_tokens), to_float(drama[None])).item()
    m["drama_palette_psnr"] = psnr(to_float(to_palette(drama)[None]), to_float(drama[None])).item()
    m["pairwise_drama"] = action_rows(drama_tokens.expand(T, -1), "drama")
    Image.fromarray(drama).resize((128, 128), Image.NEAREST).save(pics / "drama_frame.png")

    m["total_minutes"] = (time.time() - start) / 60
    m["train_minutes"] = train_minutes
    write_report(Path(cfg.report), m, cfg, tokenizer, lam, dynamics)
    return m


def write_report(path: Path, m: dict, cfg, tokenizer, lam, dynamics):
    A, K = lam.cfg.actions, tokenizer.cfg.codebook_size
    goals = [
        ("tokenizer PSNR (dB)", f"{m['psnr']:.2f}", "≥ 35 (Genie: 35.7)", m["psnr"] >= 35),
        ("ΔtPSNR(4) (dB)", f"{m['delta_psnr']:.2f}", "≥ 2.0 (Genie LAM: 1.91; GenieRedux, true actions: 1.89)", m["delta_psnr"] >= 2.0),
        ("latent-action consistency (%)", f"{m['consistency']:.1f}", "≥ 80", m["consistency"] >= 80),
        ("latent actions used", f"{m['actions_used']} of {A}", f"all {A}", m["actions_used"] == A),
        ("codebook codes used", f"{m['codes_used']:,} of {K:,}; fewest levels a digit uses: {min(m['digit_levels_used'])} of {max(tokenizer.cfg.levels)}",
         "no collapse: every level of every FSQ digit in use", min(m["digit_levels_used"]) == max(tokenizer.cfg.levels)),
        ("training time (min)", f"{m['total_minutes']:.1f}", "≤ 60 on the 2-core CPU, one thread", m["total_minutes"] <= 60),
    ]
    unmet = [g[0] for g in goals if not g[3]]
    notes = []  # what the missed figures mean, for the figures that are missed
    if m["psnr"] < 35:
        by = m["patches_by_colours"]
        notes.append(
            f"- **Tokenizer PSNR**: {m['exact_values']:.1f} % of the channel values come back exactly (at 8 bits), and "
            "35 dB allows an RMS error of 4.5 of 255: fewer than 0.3 % of the values off by a whole palette step (85). "
            "The misses sit in patches that hold more than one colour (outlines, tile patterns, gradient bands and "
            "textures crossing a patch); of the held-out 4x4 patches, "
            + "; ".join(f"{share:.1f} % hold {c}{'+' if c == 3 else ''} colour{'s' if c > 1 else ''} and {ok:.1f} % of those come back exactly"
                        for c, (share, ok) in by.items())
            + ". There the decoder gives the mean of the palette levels it hesitates between.")
    if m["delta_psnr"] < 1.0:
        notes.append(
            "- **ΔtPSNR** near zero: the dynamics learnt to continue the clip from its context (the copy prior "
            "makes the last frame the default) but, in its budget, moves little under the action, so inferred and "
            "random actions give similar frames. The pictures below show the actions' effect on one start frame.")
    if m["consistency"] < 80:
        notes.append(
            "- **Consistency**: the three kinds of clip share the platformer's meaning of the actions (data.py): "
            "left/right scroll the view 4 px, up/down move the controlled thing up or down on screen (in a pan, the "
            "picture). A motion-reading encoder still splits some of them by speed or by what moved (a jump rises, "
            "then falls under noop), and where two motions share a code, the smaller one counts as wrong; the "
            "per-kind shares are below.")
    names = [f"{a}→{ACTIONS[t]}" for a, t in enumerate(m["mapping"])]
    lam_errors = m["lam_errors"]  # {seed: validation error} of the latent action runs train_lam started
    lines = [
        "# World model report",
        "",
        "Regenerated by `npm run train:world` (seed %d); every value below is measured by that run." % cfg.seed,
        "",
        "| figure | value | goal |",
        "|---|---|---|",
        *[f"| {g[0]} | {g[1]} | {g[2]} |" for g in goals],
        "",
        ("**Goals not met:** " + ", ".join(unmet) + "." if unmet else "**All goals met.**"),
        "",
        *(["## Reading the figures", "", *notes, ""] if notes else []),
        "## How each figure was measured",
        "",
        f"- **Tokenizer PSNR**: every frame of {cfg.held_out_clips} held-out clips (seeds never trained on) "
        f"encoded to 16×16 tokens of {K:,} codes (FSQ levels {tuple(tokenizer.cfg.levels)}) and decoded; PSNR of the mean squared error "
        f"over all their pixels (the mean of per-frame PSNRs, capped at 100 dB for exact frames, is {m['psnr_per_frame']:.2f} dB). "
        f"{m['exact_values']:.1f} % of the pixels' channel values and {m['exact_frames']:.1f} % of the frames come back exactly (at 8 bits). The training data use a 64-colour palette "
        f"and the decoder outputs the expected palette value of each channel (tokenizer.py); the unseen drama frame (full colour) reconstructs at "
        f"{m['drama_psnr']:.2f} dB, against {m['drama_palette_psnr']:.2f} dB for the same frame snapped to the palette, the best an output that is sure of its palette levels can do.",
        f"- **ΔtPSNR(4)**: on {min(cfg.eval_clips, cfg.held_out_clips)} held-out clips, {dynamics.cfg.context} real context frames, "
        f"then {GEN_STEPS} frames generated autoregressively (MaskGIT, {dynamics.cfg.steps} steps, temperature {dynamics.cfg.temperature:g}). "
        f"PSNR of the 4th generated frame against the real one: {m['psnr_inferred']:.2f} dB with the latent actions inferred "
        f"from the real clip, {m['psnr_random']:.2f} dB with uniformly random latent actions. By kind of clip: "
        + ", ".join(f"{k} {v:.2f} dB" for k, v in m["delta_by_kind"].items()) + ". "
        f"The temperature is the one of {', '.join(f'{t:g}' for t in m['temperatures'])} with the largest ΔtPSNR(4) on "
        f"{cfg.validation_clips} validation clips (seeds neither trained on nor held out here): "
        + ", ".join(f"{t:g} → {v:.2f} dB" for t, v in m["temperatures"].items()) + "; the runtime samples at it by default.",
        f"- **Latent-action consistency**: each latent action is mapped to the true action it most often coincides with on "
        f"held-out transitions ({', '.join(names)}); the share of transitions whose mapped action is the true one. "
        f"The true actions were recorded by the generator and are read only here. By kind of clip: "
        + ", ".join(f"{k} {v:.1f} %" for k, v in m["consistency_by_kind"].items()) + ". The latent action model's training is "
        f"seed-sensitive, so the command started {len(lam_errors)} runs (seeds {min(lam_errors)}–{max(lam_errors)}) and carried on "
        f"to {cfg.lam_steps} steps the one whose decoder predicted the {cfg.validation_clips} validation clips best after "
        f"{min(cfg.lam_trial_steps, cfg.lam_steps)} steps (reconstruction error "
        + ", ".join(f"seed {k} {v:.5f}" for k, v in lam_errors.items()) + f"; no true action read): seed {min(lam_errors, key=lam_errors.get)}. "
        "latent_actions.py records how those errors and the seeds' final consistency compare.",
        f"- **Usage**: latent actions with at least 1% of held-out transitions count as used; their counts are "
        f"{m['action_counts'].tolist()}, entropy {m['action_entropy']:.2f} of {np.log2(A):.2f} bits. Codebook: "
        f"{m['codes_used']:,} of {K:,} codes appear in the {m['token_count']:,} held-out tokens, entropy {m['code_entropy']:.2f} of {np.log2(K):.2f} bits; "
        f"levels used per FSQ digit {m['digit_levels_used']}, digit entropies {[round(e, 2) for e in m['digit_entropy']]} bits "
        f"(of {np.log2(max(tokenizer.cfg.levels)):.2f}). With {K:,} codes, most of them cannot appear in that many tokens; "
        f"a collapse would show as digits stuck on a few levels.",
        f"- **Training time**: wall clock of the whole command (data, three stages, evaluation, export) on one thread; "
        f"training alone took {m['train_minutes']:.1f} min.",
        "",
        "Latent action × true action on held-out transitions (rows: latent, columns: " + ", ".join(ACTIONS) + "):",
        "",
        "| latent | " + " | ".join(ACTIONS) + " |",
        "|---" * (len(ACTIONS) + 1) + "|",
        *[f"| {a} | " + " | ".join(str(v) for v in m["joint"][a]) + " |" for a in range(A)],
        "",
        "## Pictures",
        "",
        "Tokenizer: three held-out clips (top three rows) and their reconstructions (bottom three).",
        "",
        "![tokenizer](report/tokenizer.png)",
        "",
        "Rollouts: for each of three held-out clips, the real frames (first row), frames generated with the inferred "
        "latent actions (second) and with random ones (third); the first picture is the last context frame.",
        "",
        "![rollouts](report/rollouts.png)",
        "",
        f"One row per latent action (0 to {A - 1}, top to bottom), {GEN_STEPS} generated frames after the start frame, "
        f"on a held-out platformer frame: mean pairwise difference of the {A} next frames {m['pairwise_platformer']:.2f} (0–255 scale).",
        "",
        "![actions on a platformer frame](report/actions_platformer.png)",
        "",
        f"The same on a synthetic drama frame that no training clip contains (`evaluate.drama_frame`; the context is "
        f"that image repeated, as when a scene starts from a still): mean pairwise difference of the {A} next frames "
        f"{m['pairwise_drama']:.2f} (0–255 scale; goal: visibly different next frames). The difference means control "
        f"only where the rows keep the scene and move it; rows that dissolve into flat or noisy frames differ too, "
        f"so read it with the picture.",
        "",
        "![the drama frame](report/drama_frame.png) ![actions on the drama frame](report/actions_drama.png)",
        "",
    ]
    path.write_text("\n".join(lines))
