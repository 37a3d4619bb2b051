"""Training loop of the refiner with atomic checkpoint/resume and a wall-time budget per invocation."""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from typing import Optional

import numpy as np
import torch

from .data import RefinerSamples
from .losses import face_psnr, refiner_loss
from .model import Refiner, RefinerConfig

CHECKPOINT = "checkpoint.pt"


@dataclass
class RefinerTrainOptions:
    out_dir: str
    total_steps: int = 20000
    batch_size: int = 16
    crop: int = 128
    lr: float = 1e-3
    time_budget_s: Optional[float] = None
    checkpoint_every: int = 250
    log_every: int = 50
    seed: int = 0
    # Weights to start from when out_dir has no checkpoint: tensors of the same shape are copied; a first conv with
    # fewer input channels (an earlier input layout) fills the leading channels and leaves the new ones at zero.
    init_from: Optional[str] = None


def train(cfg: RefinerConfig, data: RefinerSamples, opts: RefinerTrainOptions, val: Optional[RefinerSamples] = None) -> Refiner:
    os.makedirs(opts.out_dir, exist_ok=True)
    torch.manual_seed(opts.seed)
    model = Refiner(cfg)
    optim = torch.optim.Adam(model.parameters(), lr=opts.lr)
    step, elapsed = 0, 0.0
    ckpt = os.path.join(opts.out_dir, CHECKPOINT)
    if not os.path.exists(ckpt) and opts.init_from:
        init_weights(model, torch.load(opts.init_from, map_location="cpu")["model"])
    if os.path.exists(ckpt):
        state = torch.load(ckpt, map_location="cpu")
        model.load_state_dict(state["model"])
        optim.load_state_dict(state["optim"])
        step, elapsed = state["step"], state.get("elapsed_s", 0.0)
    rng = np.random.default_rng(opts.seed + step)
    # Cosine decay to 5 % over total_steps.
    lr_at = lambda s: opts.lr * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * min(1.0, s / opts.total_steps))))
    log = open(os.path.join(opts.out_dir, "train-log.jsonl"), "a")
    t0 = time.time()

    def save():
        tmp = ckpt + ".tmp"
        torch.save({"model": model.state_dict(), "optim": optim.state_dict(), "step": step, "config": cfg.to_json(),
                    "elapsed_s": elapsed + time.time() - t0, "options": asdict(opts)}, tmp)
        os.replace(tmp, ckpt)

    model.train()
    while step < opts.total_steps:
        for g in optim.param_groups:
            g["lr"] = lr_at(step)
        x, y = data.batch(opts.batch_size, opts.crop, rng)
        pred = model(x)
        loss, parts = refiner_loss(pred, y, x)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        optim.step()
        step += 1
        if step % opts.log_every == 0:
            rec = {"step": step, "loss": float(loss), **parts, "lr": lr_at(step), "elapsed_s": round(elapsed + time.time() - t0, 1)}
            if val is not None and step % (opts.log_every * 10) == 0:
                rec.update(validate(model, val))
                model.train()
            log.write(json.dumps(rec) + "\n")
            log.flush()
        if step % opts.checkpoint_every == 0 or step == opts.total_steps:
            save()
        if opts.time_budget_s is not None and time.time() - t0 > opts.time_budget_s:
            save()
            break
    log.close()
    return model


@torch.no_grad()
def init_weights(model: Refiner, state: dict) -> None:
    own = model.state_dict()
    for k, v in state.items():
        if k not in own:
            continue
        if own[k].shape == v.shape:
            own[k].copy_(v)
        elif own[k].dim() == 4 and own[k].shape[0] == v.shape[0] and own[k].shape[1] > v.shape[1]:
            own[k].zero_()
            own[k][:, :v.shape[1]].copy_(v)
    model.load_state_dict(own)


@torch.no_grad()
def validate(model: Refiner, val: RefinerSamples, per_clip: int = 1000, step: int = 3) -> dict:
    """Face-region PSNR of the warp and of the refined frame over validation samples spread over each clip (the
    first ones, next to the keyframe, are the warp's easiest: a validation on them alone misleads), per sample and
    pooled (the PSNR of the mean squared error)."""
    model.eval()
    before, after, mse_before, mse_after = [], [], [], []
    for _, x, y in val.all_full(per_clip, step):
        p = model(x)
        before.append(face_psnr(x[:, :3], y, x))
        after.append(face_psnr(p, y, x))
        mse_before.append(10 ** (-before[-1] / 10))
        mse_after.append(10 ** (-after[-1] / 10))
    return {"val_psnr_warp": float(np.mean(before)), "val_psnr_refined": float(np.mean(after)),
            "val_pooled_psnr_warp": float(-10 * np.log10(np.mean(mse_before))),
            "val_pooled_psnr_refined": float(-10 * np.log10(np.mean(mse_after))), "val_samples": len(before)}
