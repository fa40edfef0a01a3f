"""The plumbing between clips and models, shared by training (train.py, lam_training.py) and evaluation
(evaluate.py): frames to tensors and back, the LAM's and the dynamics' batches, the two passes over whole
clips that both need (tokens of every frame, the latent action of every transition), rollouts, and the
learning-rate schedule every stage trains with.

Shape key: n clips, L frames a clip, N tokens a frame, P past frames of the LAM, T context of the dynamics.
"""
import numpy as np
import torch


def to_float(frames_uint8: np.ndarray) -> torch.Tensor:
    """(..., H, W, 3) uint8 -> (..., 3, H, W) float in [0, 1]."""
    x = torch.from_numpy(np.ascontiguousarray(frames_uint8)).float() / 255
    return x.movedim(-1, -3)


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(..., 3, H, W) float in [0, 1] -> (..., H, W, 3) uint8, rounded as the runtime rounds."""
    return (x.clamp(0, 1).movedim(-3, -1) * 255).round().byte().numpy()


def schedule(opt, step, total, base_lr, warmup=50):
    """Linear warm-up, then cosine decay to a tenth."""
    lr = base_lr * min(1.0, (step + 1) / warmup) * (0.55 + 0.45 * np.cos(np.pi * step / max(total, 1)))
    for g in opt.param_groups:
        g["lr"] = lr


def clamp_index(t, n):
    """Frame indices before the clip's start repeat its first frame, as when a scene starts from one image."""
    return np.clip(t, 0, n)


@torch.no_grad()
def tokenize(model, frames: np.ndarray, batch: int = 256) -> np.ndarray:
    """(n, L, H, W, 3) uint8 -> (n, L, N) int32 tokens."""
    flat = frames.reshape(-1, *frames.shape[2:])
    out = [model.encode(to_float(flat[i:i + batch])).numpy().astype(np.int32) for i in range(0, len(flat), batch)]
    return np.concatenate(out).reshape(frames.shape[0], frames.shape[1], -1)


def lam_batch(frames: np.ndarray, clip_idx, t_idx, past: int):
    """Pixels of frames t-P+1..t and t+1 for each (clip, t): past (B, P, 3, H, W), next (B, 3, H, W)."""
    ts = clamp_index(t_idx[:, None] + np.arange(-past + 1, 1)[None], frames.shape[1] - 1)  # (B, P)
    return to_float(frames[clip_idx[:, None], ts]), to_float(frames[clip_idx, t_idx + 1])


def every_transition(frames: np.ndarray, past: int, batch: int):
    """lam_batch over every transition of `frames`, clip by clip, in batches of up to `batch`."""
    n, L = frames.shape[:2]
    ci, ti = np.repeat(np.arange(n), L - 1), np.tile(np.arange(L - 1), n)
    for i in range(0, len(ci), batch):
        yield lam_batch(frames, ci[i:i + batch], ti[i:i + batch], past)


@torch.no_grad()
def label_actions(model, frames: np.ndarray, batch: int = 256) -> np.ndarray:
    """The latent action of every transition: (n, L-1) int64."""
    n, L = frames.shape[:2]
    out = [model.encode(past, nxt) for past, nxt in every_transition(frames, model.cfg.past, batch)]
    return torch.cat(out).numpy().reshape(n, L - 1)


def dyn_batch(tokens: np.ndarray, actions: np.ndarray, clip_idx, t_idx, context: int):
    """Context tokens of frames t-T+1..t (B, T, N), the action at t (B,), target tokens of t+1 (B, N)."""
    ts = clamp_index(t_idx[:, None] + np.arange(-context + 1, 1)[None], tokens.shape[1] - 1)  # (B, T)
    ctx = torch.from_numpy(tokens[clip_idx[:, None], ts].astype(np.int64))
    return ctx, torch.from_numpy(actions[clip_idx, t_idx]), torch.from_numpy(tokens[clip_idx, t_idx + 1].astype(np.int64))


@torch.no_grad()
def rollout(tokenizer, dynamics, context_tokens: torch.Tensor, actions: torch.Tensor, gen: torch.Generator):
    """context_tokens (B, T, N), actions (B, S) -> tokens (B, S, N) and frames (B, S, 3, H, W): S frames generated
    one after the other, each sampled at the dynamics' temperature from the T frames before it."""
    ctx, toks, out = context_tokens.clone(), [], []
    for s in range(actions.shape[1]):
        nxt = dynamics.sample(ctx, actions[:, s], generator=gen)  # (B, N)
        toks.append(nxt)
        out.append(tokenizer.decode(nxt))
        ctx = torch.cat([ctx[:, 1:], nxt[:, None]], dim=1)
    return torch.stack(toks, dim=1), torch.stack(out, dim=1)
