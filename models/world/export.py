"""ONNX export of the four parts the Node runtime runs, with a JSON contract and parity fixtures each.

For every stage, `<stage>.onnx` (opset 17, dynamic batch axis), and `<stage>.json` holding the config,
the input and output names, shapes ("B" for the batch) and dtypes, and a `parity` entry: fixed inputs
and PyTorch's outputs for them, stored as raw little-endian files in `parity/`. The jest test
`models/runtime/parity.test.ts` runs the same inputs through onnxruntime-node and compares.

    tokenizer_encoder  frames float32 (B, 3, 64, 64) in [0, 1]          -> tokens int64 (B, N)
    tokenizer_decoder  tokens int64 (B, N)                              -> frames float32 (B, 3, 64, 64)
    lam_encoder        past float32 (B, P, 3, 64, 64), next (B, 3, 64, 64) -> action int64 (B,)
    dynamics_context   context int64 (Bc, T, N)                         -> kv float32 (Bc, Y, 2, T, G, D)
    dynamics           kv float32 (Bc, Y, 2, T, G, D), last int64 (Bc, N) (the last context frame),
                       with Bc = 1 or B, action int64 (B,),
                       next_tokens int64 (B, N), MASK = K      -> logits float32 (B, N, d, V)
                       the runtime runs dynamics_context once a press and dynamics once a MaskGIT step
                       for all branches (dynamics.Dynamics.sample is the same loop)
"""
import json
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn

from .steer import REACH

OPSET = 17


class EncoderOnly(nn.Module):
    def __init__(self, tokenizer):
        super().__init__()
        self.m = tokenizer

    def forward(self, frames):
        return self.m.encode(frames)


class DecoderOnly(nn.Module):
    def __init__(self, tokenizer):
        super().__init__()
        self.m = tokenizer

    def forward(self, tokens):
        return self.m.decode(tokens)


class LAMEncoderOnly(nn.Module):
    def __init__(self, lam):
        super().__init__()
        self.m = lam

    def forward(self, past, nxt):
        return self.m.encode(past, nxt)


class DynamicsContext(nn.Module):
    def __init__(self, dynamics):
        super().__init__()
        self.m = dynamics

    def forward(self, context):
        return self.m.context_kv(context)


class DynamicsStep(nn.Module):
    def __init__(self, dynamics):
        super().__init__()
        self.m = dynamics

    def forward(self, kv, last, action, next_tokens):
        return self.m.step(kv, last, action, next_tokens)


def _spec(name, t: torch.Tensor, batch: str = "B"):
    return {"name": name, "dtype": str(t.dtype).replace("torch.", ""), "shape": [batch, *t.shape[1:]]}


def export_stage(out: Path, stage: str, module: nn.Module, inputs: dict, output_names: list, config: dict, extra=None,
                 batch_names=None):
    """Writes <stage>.onnx, <stage>.json and parity/<stage>.<tensor>.bin. Axis 0 of every tensor is a free
    batch axis, named "B" unless `batch_names` names it otherwise (the dynamics' cache: "Bc")."""
    module.eval()
    names = list(inputs)
    args = tuple(inputs.values())
    path = out / f"{stage}.onnx"
    batch = {n: (batch_names or {}).get(n, "B") for n in names + output_names}
    torch.onnx.export(module, args, str(path), input_names=names, output_names=output_names, opset_version=OPSET,
                      dynamic_axes={n: {0: batch[n]} for n in names + output_names}, do_constant_folding=True)
    with torch.no_grad():
        outputs = module(*args)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    # the tracer leaves some output axes symbolic (after reshapes of the cache); write the known sizes
    graph = onnx.load(str(path))
    for value, t in zip(graph.graph.output, outputs):
        for i, dim in enumerate(value.type.tensor_type.shape.dim):
            if i > 0:
                dim.Clear()
                dim.dim_value = t.shape[i]
    onnx.save(graph, str(path))
    parity_dir = out / "parity"
    parity_dir.mkdir(exist_ok=True)

    def fixture(name, t):
        file = f"parity/{stage}.{name}.bin"
        t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tofile(out / file)
        return {"file": file, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}

    meta = {
        "stage": stage,
        "opset": OPSET,
        "config": config,
        "inputs": [_spec(n, t, batch[n]) for n, t in inputs.items()],
        "outputs": [_spec(n, t, batch[n]) for n, t in zip(output_names, outputs)],
        "parity": {
            "inputs": {n: fixture(n, t) for n, t in inputs.items()},
            "outputs": {n: fixture(n, t) for n, t in zip(output_names, outputs)},
            # float outputs: |onnx - torch| <= atol + rtol * |torch|; integer outputs (tokens, actions) may
            # differ where a value sits on a rounding boundary, so a small share of mismatches is allowed
            "atol": 1e-3, "rtol": 1e-3, "max_int_mismatch": 0.01,
        },
        **(extra or {}),
    }
    (out / f"{stage}.json").write_text(json.dumps(meta, indent=2))
    return path


@torch.no_grad()
def export(tokenizer, lam, dynamics, out: Path, held_frames: np.ndarray, names: dict):
    """held_frames (n, L, H, W, 3) uint8: parity inputs are real held-out frames, so tokens are realistic.
    `names` (evaluate.name_actions): the latent actions' names and the controls a viewer gets, which the
    dynamics' JSON carries in its config (`action_names`, `controls`) for the runtime to hand to the app, with
    the view's reach in tokens (`reach`, steer.REACH) for the scene's memory (steer.Memory)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    frames = torch.from_numpy(held_frames[0]).float().div(255).permute(0, 3, 1, 2)  # (L, 3, H, W)
    K, T, P = tokenizer.cfg.codebook_size, dynamics.cfg.context, lam.cfg.past
    tok_cfg = {**tokenizer.cfg.to_dict(), "codebook_size": K, "grid": dynamics.cfg.grid}

    x = frames[:2]  # (2, 3, H, W)
    export_stage(out, "tokenizer_encoder", EncoderOnly(tokenizer), {"frames": x}, ["tokens"], tok_cfg)
    tokens = tokenizer.encode(frames)  # (L, N)
    export_stage(out, "tokenizer_decoder", DecoderOnly(tokenizer), {"tokens": tokens[:2]}, ["frames"], tok_cfg)

    past = torch.stack([frames[i:i + P] for i in range(4)])  # (4, P, 3, H, W)
    nxt = frames[P:P + 4]  # (4, 3, H, W)
    export_stage(out, "lam_encoder", LAMEncoderOnly(lam), {"past": past, "next": nxt}, ["action"], lam.cfg.to_dict())

    context = tokens[None, :T]  # (1, T, N)
    dyn_cfg = {**dynamics.cfg.to_dict(), "action_names": names["names"], "controls": names["controls"], "reach": REACH}
    export_stage(out, "dynamics_context", DynamicsContext(dynamics), {"context": context}, ["kv"], dyn_cfg)
    kv = dynamics.context_kv(context)  # (1, Y, 2, T, G, D): one cache for both branches below
    mask = torch.rand(2, tokens.shape[1], generator=torch.Generator().manual_seed(0)) < torch.tensor([[0.5], [1.0]])
    partial = torch.where(mask, torch.full_like(tokens[T:T + 2], dynamics.cfg.mask_id), tokens[T:T + 1].expand(2, -1))  # (2, N)
    export_stage(out, "dynamics", DynamicsStep(dynamics), {"kv": kv, "last": context[:, -1], "action": torch.tensor([3, 5]),
                                                           "next_tokens": partial},
                 ["logits"], dyn_cfg, batch_names={"kv": "Bc", "last": "Bc"})
    sizes = {p.name: p.stat().st_size for p in out.glob("*.onnx")}
    print("exported:", {k: f"{v / 1e6:.2f} MB" for k, v in sizes.items()}, flush=True)
    assert sum(sizes.values()) <= 20e6 and max(sizes.values()) < 8e6, sizes
