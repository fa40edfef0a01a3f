"""Shapes of each stage, determinism of the data generator, and a smoke run of the whole command."""
import json
import re

import numpy as np
import torch

from models.world.data import ClipConfig, make_clip, make_dataset, held_out_seeds, train_seeds, validation_seeds, HELD_OUT_SEED_BASE
from models.world.dynamics import Dynamics, DynamicsConfig, group2x2, ungroup2x2
from models.world.evaluate import drama_frame
from models.world.latent_actions import LAMConfig, LatentActionModel
from models.world.tokenizer import Tokenizer, TokenizerConfig


def test_clips_are_deterministic_by_seed_and_vary_across_seeds():
    a_frames, a_actions, a_kind = make_clip(123)
    b_frames, b_actions, b_kind = make_clip(123)
    assert np.array_equal(a_frames, b_frames) and np.array_equal(a_actions, b_actions) and a_kind == b_kind
    assert not np.array_equal(make_clip(124)[0], a_frames)


def test_dataset_shapes_kinds_and_held_out_seeds():
    frames, actions, kinds = make_dataset(train_seeds(12), ClipConfig())
    assert frames.shape == (12, 16, 64, 64, 3) and frames.dtype == np.uint8
    assert actions.shape == (12, 15) and actions.min() >= 0 and actions.max() < 5
    assert set(kinds.tolist()) <= {0, 1, 2}
    assert held_out_seeds(3).min() >= HELD_OUT_SEED_BASE > train_seeds(1000).max()
    # the clips a sampling choice is made on are neither trained on nor the held-out clips the report measures
    assert not set(validation_seeds(500).tolist()) & (set(train_seeds(1200).tolist()) | set(held_out_seeds(500).tolist()))


def test_drama_frame_is_not_a_training_picture():
    drama = drama_frame()
    assert drama.shape == (64, 64, 3)
    frames, _, _ = make_dataset(train_seeds(20))
    assert np.abs(frames.reshape(-1, 64, 64, 3).astype(int) - drama).mean(axis=(1, 2, 3)).min() > 10


def test_tokenizer_round_trip_shapes_and_codes():
    model = Tokenizer(TokenizerConfig()).eval()
    x = torch.rand(2, 3, 64, 64)
    tokens = model.encode(x)
    assert tokens.shape == (2, 256) and tokens.dtype == torch.int64
    K = model.cfg.codebook_size
    assert 0 <= tokens.min() and tokens.max() < K == 7 ** 6
    assert model.decode(tokens).shape == (2, 3, 64, 64)
    every = torch.arange(K).view(1, 7 ** 3, 7 ** 3)
    codes = model.fsq.indices_to_codes(every)  # every code maps back to itself
    assert torch.equal(model.fsq.codes_to_indices(codes), every)


def test_latent_action_model_shapes():
    model = LatentActionModel(LAMConfig())
    past, nxt = torch.rand(3, model.cfg.past, 3, 64, 64), torch.rand(3, 3, 64, 64)
    out = model(past, nxt)
    assert out["pred"].shape == (3, 3, 64, 64) and out["action"].shape == (3,)
    assert out["loss"].ndim == 0 and int(out["action"].max()) < 8
    assert model.encode(past, nxt).shape == (3,)


def test_a_latent_action_run_carried_on_is_the_run_its_seed_makes_alone_and_the_best_trial_is_kept():
    from models.world.train import QUICK, LAMRun, TrainConfig, lam_validation_error, train_lam
    cfg = TrainConfig(**{**QUICK, "lam_steps": 6, "lam_trial_steps": 2, "lam_candidates": 3})
    frames = make_dataset(train_seeds(4), ClipConfig())[0]
    validation = make_dataset(validation_seeds(2), ClipConfig())[0]

    alone = LAMRun(cfg, frames, seed=5).train_until(cfg.lam_steps)
    caller_stream = torch.get_rng_state()
    paused, other = LAMRun(cfg, frames, seed=5), LAMRun(cfg, frames, seed=6)
    paused.train_until(2)
    other.train_until(4)  # another run in between draws from its own streams
    assert torch.equal(torch.get_rng_state(), caller_stream)  # and the runs leave the caller's torch stream alone
    carried = paused.train_until(cfg.lam_steps)
    for name, value in alone.state_dict().items():
        assert torch.equal(value, carried.state_dict()[name]), name

    model, errors = train_lam(cfg, frames, validation)
    assert list(errors) == [cfg.seed, cfg.seed + 1, cfg.seed + 2]
    for seed, error in errors.items():  # each trial's error is its run's error after lam_trial_steps
        assert error == lam_validation_error(LAMRun(cfg, frames, seed).train_until(cfg.lam_trial_steps), validation)
    best = LAMRun(cfg, frames, min(errors, key=errors.get)).train_until(cfg.lam_steps)
    for name, value in best.state_dict().items():
        assert torch.equal(value, model.state_dict()[name]), name


def test_dynamics_shapes_grouping_cache_and_sampling():
    cfg = DynamicsConfig(dim=32, layers=2, heads=2, steps=3)
    model = Dynamics(cfg).eval()
    tokens = torch.arange(256).view(1, 256)
    assert torch.equal(ungroup2x2(group2x2(tokens, 16)[..., None].float(), 16)[..., 0].long(), tokens)
    K = cfg.codebook_size
    ctx = torch.randint(K, (8, 4, 256))
    logits = model(ctx, torch.arange(8), torch.full((8, 256), cfg.mask_id))
    assert logits.shape == (8, 256, 6, 7)
    # the context cache of one sample serves every branch: the same logits as the full forward
    kv = model.context_kv(ctx[:1])
    assert kv.shape == (1, 2, 2, 4, 64, 32)
    nxt = torch.where(torch.rand(8, 256) < 0.5, torch.full((8, 256), cfg.mask_id), ctx[:, -1])
    assert torch.allclose(model.step(kv, ctx[:1, -1], torch.arange(8), nxt), model(ctx[:1].expand(8, -1, -1), torch.arange(8), nxt), atol=1e-5)
    out = model.sample(ctx[:1], torch.arange(8))
    assert out.shape == (8, 256) and 0 <= out.min() and out.max() < K
    assert model.digits(out).shape == (8, 256, 6)
    assert model.loss(ctx, torch.arange(8), ctx[:, -1])["loss"].ndim == 0


def test_smoke_training_run_writes_artifacts_and_report(tmp_path):
    from models.world.train import main
    main(["--quick", "--out", str(tmp_path / "artifacts"), "--report", str(tmp_path / "REPORT.md"),
          "--cache", str(tmp_path / "cache")])
    report = (tmp_path / "REPORT.md").read_text()
    for row in ("tokenizer PSNR (dB)", "ΔtPSNR(4) (dB)", "latent-action consistency (%)", "latent actions used",
                "codebook codes used", "training time (min)"):
        assert f"| {row} |" in report
    for stage in ("tokenizer_encoder", "tokenizer_decoder", "lam_encoder", "dynamics_context", "dynamics"):
        meta = json.loads((tmp_path / "artifacts" / f"{stage}.json").read_text())
        assert (tmp_path / "artifacts" / f"{stage}.onnx").stat().st_size > 0
        assert meta["inputs"] and meta["outputs"] and meta["parity"]["outputs"]
    assert (tmp_path / "report" / "actions_drama.png").exists()
    # the sampling temperature is the validation clips' best, and the runtime gets it from dynamics.json
    chosen = json.loads((tmp_path / "artifacts" / "dynamics.json").read_text())["config"]["temperature"]
    table = re.search(r"validation clips \(seeds neither trained on nor held out here\): ([^;]+);", report).group(1)
    deltas = {float(t): float(v) for t, v in re.findall(r"([\d.]+) → (-?[\d.]+) dB", table)}
    assert len(deltas) == 4 and deltas[chosen] == max(deltas.values())  # as printed, to 2 decimals
    assert f"temperature {chosen:g})" in report


def test_sprite_clips_scroll_sideways_and_move_the_sprite_up_and_down():
    # as in the platformer: left/right scroll the image under the sprite, up/down move the sprite in view
    seen, m = set(), ClipConfig().move
    for seed in range(200):
        frames, actions, kind = make_clip(seed)
        if kind != 1:
            continue
        f = frames.astype(int)
        for t, a in enumerate(actions):
            if a == 2:  # right: the view moves right, so the picture shifts `move` px left (the sprite stays)
                assert (f[t + 1][:, :-m] == f[t][:, m:]).all(-1).mean() > 0.8
            elif a in (3, 4):  # up/down: the picture stays, only the sprite's pixels change
                assert 0 < (f[t + 1] != f[t]).any(-1).mean() < 0.1
            seen.add(int(a))
        if {2, 3, 4} <= seen:
            break
    assert {2, 3, 4} <= seen


def test_pan_clips_scroll_sideways_and_drag_the_picture_up_and_down():
    # up moves something up on screen in every kind (data.py): in a pan, the picture; left/right scroll as in the platformer
    m = ClipConfig().move
    shift = {1: (0, m), 2: (0, -m), 3: (-m, 0), 4: (m, 0)}  # true action -> (dy, dx) of the picture on screen
    seen = set()
    for seed in range(200):
        frames, actions, kind = make_clip(seed)
        if kind != 2:
            continue
        for t, a in enumerate(actions):
            if a in shift:
                moved = np.roll(frames[t], shift[a], axis=(0, 1))
                assert np.array_equal(moved[m:-m, m:-m], frames[t + 1][m:-m, m:-m]), (seed, t, a)  # new picture comes in at the edges
                seen.add(int(a))
        if seen == {1, 2, 3, 4}:
            break
    assert seen == {1, 2, 3, 4}
