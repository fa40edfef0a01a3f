"""Shapes of each stage, the naming of latent actions, the LAM runs, and a smoke run of the whole command."""
import json

import numpy as np
import torch

from models.world.agent import ACTIONS
from models.world.batches import to_float
from models.world.data import ClipConfig, make_dataset, train_seeds, validation_seeds
from models.world.dynamics import Dynamics, DynamicsConfig, group2x2, ungroup2x2
from models.world.evaluate import LEARNED, keep_learned, names_from, stand_still_action
from models.world.latent_actions import LAMConfig, LatentActionModel
from models.world.steer import Memory, can_press, random_presses
from models.world.tokenizer import Tokenizer, TokenizerConfig

ROWS = ("drama-still PSNR (dB)", "photo PSNR (dB)", "held-out clip PSNR (dB)", "colour shift (0-255)", "ΔtPSNR(4) drama (dB)",
        "latent-action consistency drama (%)", "controls that move as named (%)", "32-step stand-still drift (dB)",
        "training time (min)")


def test_tokenizer_round_trip_shapes_codes_and_a_linear_codec_from_the_start():
    model = Tokenizer(TokenizerConfig()).eval()
    K, d = model.cfg.codebook_size, len(model.cfg.levels)
    tokens = model.encode(torch.rand(2, 3, 64, 64))
    assert tokens.shape == (2, 256) and tokens.dtype == torch.int64 and 0 <= tokens.min() and tokens.max() < K < 2 ** 32
    assert model.decode(tokens).shape == (2, 3, 64, 64)
    some = torch.randint(K, (1, 16, 16))
    assert torch.equal(model.fsq.codes_to_indices(model.fsq.indices_to_codes(some)), some)  # codes map back to themselves
    # before any training step, the principal components of patches make a codec far better than a flat guess
    frames = to_float(make_dataset(train_seeds(6))[0].reshape(-1, 64, 64, 3))
    model.init_linear(frames)
    with torch.no_grad():
        coded = 10 * torch.log10(1 / ((model.decode(model.encode(frames)) - frames) ** 2).mean())
        flat = 10 * torch.log10(1 / ((frames.mean((0, 2, 3), keepdim=True) - frames) ** 2).mean())
    assert coded > flat + 4, (coded, flat, d)


def test_the_tokenizer_trained_beside_in_a_second_process_is_the_one_trained_here(tmp_path):
    from models.world.train import QUICK, TrainConfig, tokenizer_beside, train_tokenizer
    cfg = TrainConfig(**QUICK)
    frames = make_dataset(train_seeds(4))[0]
    torch.manual_seed(0)
    beside = tokenizer_beside(cfg, frames, tmp_path / "tokenizer.pt")()  # forked on this 2-core machine, loaded back
    torch.manual_seed(0)
    here = train_tokenizer(cfg, frames, np.random.default_rng([cfg.seed, 1]))
    for name, value in here.state_dict().items():
        assert torch.equal(value, beside.state_dict()[name]), name


def test_latent_action_model_shapes():
    model = LatentActionModel(LAMConfig())
    past, nxt = torch.rand(3, model.cfg.past, 3, 64, 64), torch.rand(3, 3, 64, 64)
    out = model(past, nxt)
    assert out["pred"].shape == (3, 3, 64, 64) and out["action"].shape == (3,)
    assert out["loss"].ndim == 0 and int(out["action"].max()) < 8
    assert model.encode(past, nxt).shape == (3,)


def test_a_latent_action_run_carried_on_is_the_run_its_seed_makes_alone_and_the_best_trial_is_kept():
    from models.world.lam_training import LAMRun, lam_validation_error, train_lam
    from models.world.train import QUICK, TrainConfig
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


def test_latent_actions_are_named_by_the_true_action_they_coincide_with_and_alike_names_merge():
    a = {k: ACTIONS.index(k) for k in ACTIONS}
    # latent 0 mostly left; latents 1 and 2 both mostly right (2 more often); 3 mostly noop; 4 up; 5 in; 6 and 7 unused
    pairs = [(0, a["left"])] * 9 + [(0, a["noop"])] + [(1, a["right"])] * 5 + [(2, a["right"])] * 8 + [(2, a["up"])] * 2 + \
            [(3, a["noop"])] * 7 + [(3, a["down"])] * 2 + [(4, a["up"])] * 6 + [(5, a["in"])] * 4
    latent, truth = (np.array(x)[None] for x in zip(*pairs))
    named = names_from(latent, truth, 8)
    assert named["names"][:6] == ["left", "right", "right", "noop", "up", "in"]
    assert named["controls"] == [{"action": 0, "name": "left"}, {"action": 2, "name": "right"}, {"action": 4, "name": "up"},
                                 {"action": 5, "name": "in"}]  # one a name, the best of alike; no stand-still
    assert stand_still_action(named) == 3


def test_a_named_control_is_a_button_only_where_it_moves_as_named_on_validation_frames():
    named = {"names": ["left", "in", "out", "noop"], "joint": np.zeros((4, len(ACTIONS))),
             "controls": [{"action": 0, "name": "left"}, {"action": 1, "name": "in"}, {"action": 2, "name": "out"}]}
    kept = keep_learned(named, {"left": 97.0, "in": LEARNED, "out": LEARNED - 0.1})
    assert kept["controls"] == [{"action": 0, "name": "left"}, {"action": 1, "name": "in"}]  # the threshold counts as learned
    assert kept["not_learned"] == [{"action": 2, "name": "out"}] and kept["names"] == named["names"]  # names stay: the report reads them


def test_a_figure_in_the_report_never_rounds_across_its_goal():
    from models.world.report import shown
    assert shown(29.995573866956985, 2, 30, at_least=True) == "29.996"  # not "30.00" beside "≥ 30" and a goal missed
    assert shown(30.004, 2, 30, at_least=True) == "30.00" and shown(28.2, 2, 30, at_least=True) == "28.20"
    assert shown(60.04, 1, 60, at_least=False) == "60.04" and shown(59.96, 1, 60, at_least=False) == "60.0"


def test_dynamics_shapes_grouping_cache_and_sampling():
    cfg = DynamicsConfig(dim=32, layers=2, heads=2, steps=3)
    model = Dynamics(cfg).eval()
    tokens = torch.arange(256).view(1, 256)
    assert torch.equal(ungroup2x2(group2x2(tokens, 16)[..., None].float(), 16)[..., 0].long(), tokens)
    K, d, V = cfg.codebook_size, len(cfg.levels), max(cfg.levels)
    ctx = torch.randint(K, (8, 4, 256))
    logits = model(ctx, torch.arange(8), torch.full((8, 256), cfg.mask_id))
    assert logits.shape == (8, 256, d, V)
    # the context cache of one sample serves every branch: the same logits as the full forward
    kv = model.context_kv(ctx[:1])
    assert kv.shape == (1, 2, 2, 4, 64, 32)
    nxt = torch.where(torch.rand(8, 256) < 0.5, torch.full((8, 256), cfg.mask_id), ctx[:, -1])
    assert torch.allclose(model.step(kv, ctx[:1, -1], torch.arange(8), nxt), model(ctx[:1].expand(8, -1, -1), torch.arange(8), nxt), atol=1e-5)
    out = model.sample(ctx[:1], torch.arange(8))
    assert out.shape == (8, 256) and 0 <= out.min() and out.max() < K
    assert model.loss(ctx, torch.arange(8), ctx[:, -1])["loss"].ndim == 0


def test_sampling_copies_a_token_whole_from_its_likeliest_shift_never_a_blend_of_two():
    cfg = DynamicsConfig(dim=16, layers=1, heads=2, temperature=0.0)
    model = Dynamics(cfg).eval()
    d, V, S = len(cfg.levels), max(cfg.levels), len(model.shifts)
    same, right = model.shifts.tolist().index([0, 0]), model.shifts.tolist().index([0, 1])
    gain = model.copy_gain.item()
    with torch.no_grad():
        # the network's own logits: a small lean towards 7 on the first half of the digits, whatever it reads
        lean = torch.zeros(4, d, V)  # (place in the 2x2 cell, digit, value)
        lean[:, :d // 2, 7] = 0.2 * gain
        model.head.weight.zero_()
        model.head.bias.copy_(lean.flatten())
        # the shifts: the same place 0.55, the right neighbour 0.45
        model.shift_head.weight.zero_()
        bias = torch.full((4, S), -30.0)
        bias[:, same], bias[:, right] = np.log(0.55), np.log(0.45)
        model.shift_head.bias.copy_(bias.flatten())
    # columns alternate between the token of all 0 digits and the token of all 7 digits
    last = torch.tensor([0, cfg.codebook_size - 1]).repeat(128).view(1, 256)
    out = model.sample(last[:, None].expand(-1, cfg.context, -1), torch.zeros(1, dtype=torch.long))
    # mixed digit by digit, the lean would have tipped half of each token's digits to its neighbour's
    assert torch.equal(out, last)


def test_the_memory_gives_back_what_the_view_showed_and_takes_only_new_cells_from_the_dynamics():
    G = 16
    start = torch.arange(G * G)[None]  # one scene; its tokens are their own cell numbers
    memory = Memory(start, G, reach=2)
    drawn = torch.full((1, G * G), 999)  # whatever the dynamics sampled
    right = memory.recall(drawn, ["right"]).view(G, G)  # the view moved a token right: the picture moved left
    assert torch.equal(right[:, :-1], start.view(G, G)[:, 1:]) and (right[:, -1] == 999).all()
    back = memory.recall(torch.full((1, G * G), 555), ["left"])
    assert torch.equal(back, start)  # back where it started: the still as it was, nothing repainted
    again = memory.recall(torch.full((1, G * G), 777), ["right"]).view(G, G)
    assert (again[:, -1] == 999).all()  # the column painted first is remembered
    zoomed = memory.recall(torch.full((1, G * G), 3), ["in"])
    assert (zoomed == 3).all() and (memory.recall(torch.full((1, G * G), 4), ["left"]).view(G, G)[:, 1:] == 3).all()


def test_presses_drawn_as_the_app_allows_never_take_the_view_beyond_its_reach():
    assert can_press((0, 2), "left", 2) and not can_press((0, -2), "left", 2) and can_press((0, -2), "right", 2)
    assert not can_press((2, 0), "down", 2) and can_press((2, 0), "in", 2)
    controls = [{"action": 5, "name": "left"}, {"action": 2, "name": "right"}, {"action": 0, "name": "up"}, {"action": 3, "name": "down"}]
    picks = random_presses(controls, 20, 32, 3, np.random.default_rng(0))
    moves = {"left": (0, -1), "right": (0, 1), "up": (-1, 0), "down": (1, 0)}
    pos = np.cumsum(np.array([[moves[controls[k]["name"]] for k in run] for run in picks]), axis=1)  # (20, 32, 2)
    assert np.abs(pos).max() == 3 and len(np.unique(picks)) == 4


def test_smoke_training_run_writes_artifacts_controls_and_report_and_keeps_the_history(tmp_path):
    from models.world.train import main
    report = tmp_path / "REPORT.md"
    report.write_text("# old figures\n\n## What we tried\n\nA hand-written history.\n")
    main(["--quick", "--out", str(tmp_path / "artifacts"), "--report", str(report), "--cache", str(tmp_path / "cache")])
    text = report.read_text()
    assert text.index("| figure | value | goal |") < text.index(f"| {ROWS[0]} |")
    table = text[text.index("| figure | value | goal |"):text.index("**")]
    assert [line.split(" | ")[0][2:] for line in table.strip().splitlines()[2:]] == list(ROWS)  # the rows, in order
    assert "| tokenizer PSNR platformer (dB) |" in text and "| ΔtPSNR(4) platformer (dB) |" in text
    assert text.endswith("## What we tried\n\nA hand-written history.\n") and "# old figures" not in text
    for stage in ("tokenizer_encoder", "tokenizer_decoder", "lam_encoder", "dynamics_context", "dynamics"):
        meta = json.loads((tmp_path / "artifacts" / f"{stage}.json").read_text())
        assert (tmp_path / "artifacts" / f"{stage}.onnx").stat().st_size > 0
        assert meta["inputs"] and meta["outputs"] and meta["parity"]["outputs"]
    config = json.loads((tmp_path / "artifacts" / "dynamics.json").read_text())["config"]
    assert len(config["action_names"]) == 8 and set(config["action_names"]) <= set(ACTIONS)
    for c in config["controls"]:  # the named controls: moving names only, each the name of its latent action
        assert c["name"] != "noop" and config["action_names"][c["action"]] == c["name"]
    for picture in ("stills", "controls", "strip32", "photos", "clips", "rollouts"):
        assert (tmp_path / "report" / f"{picture}.png").exists()
