"""Training loop with checkpoint/resume, so a full run proceeds in chunks that each fit a time budget."""
from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from typing import Dict, Iterator, Optional

import torch
from torch.utils.data import DataLoader, Dataset

from .config import ModelConfig
from .data import truncate_expression
from .discriminator import MultiScaleDiscriminator, feature_matching_loss, hinge_d_loss, hinge_g_loss
from .equivariance import equivariance_loss
from .losses import ReconstructionLoss
from .model import FaceReenactor


@dataclass
class TrainOptions:
    out_dir: str
    total_steps: int = 200_000
    batch_size: int = 8
    lr: float = 2e-4
    # Stop (after a checkpoint) once this much wall time has passed in this process; None = run to total_steps.
    time_budget_s: Optional[float] = None
    checkpoint_every: int = 500
    log_every: int = 50
    # Adversarial loss starts after this many steps (reconstruction first keeps early training stable).
    gan_start_step: int = 1000
    w_gan: float = 0.1
    w_feature_matching: float = 1.0
    # Keypoint equivariance (unsupervised mode only; face-vid2vid weighs it 10): the learned keypoints must follow a
    # random affine warp of the driving image (std `equivariance_sigma` of the map's entries, normalized units).
    w_equivariance: float = 10.0
    equivariance_sigma: float = 0.05
    vgg_weights: Optional[str] = None
    vgg_width_scale: float = 1.0
    disc_scales: int = 2
    disc_base: int = 64
    num_workers: int = 2
    device: str = "cpu"
    seed: int = 0
    # bfloat16 autocast for the networks on CUDA (losses and the flow geometry stay float32); ignored on the CPU.
    amp_bf16: bool = False
    # A compact checkpoint (save_compact) to start from when out_dir holds no checkpoint.pt: weights and step only,
    # so the optimizers restart, with `warmup_steps` of linear learning-rate warm-up.
    init_from: Optional[str] = None
    warmup_steps: int = 200


CHECKPOINT = "checkpoint.pt"
COMPACT_FORMAT = "facecodec-neural-compact-v1"


def load_checkpoint(path: str, device="cpu") -> Dict:
    """torch.load of our own checkpoints (dicts of tensors, numbers and strings) on PyTorch 1.13 through 2.x, where
    2.6 made weights_only=True the default."""
    try:
        return torch.load(path, map_location=device, weights_only=False)
    except TypeError:  # PyTorch < 1.13 has no weights_only
        return torch.load(path, map_location=device)


def _half_state(state: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    return {k: (v.detach().to("cpu", torch.float16) if v.is_floating_point() else v.detach().cpu()) for k, v in state.items()}


def _float_state(state: Dict[str, torch.Tensor], like: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    return {k: (v.to(like[k].dtype) if k in like and v.is_floating_point() else v) for k, v in state.items()}


def _cycle(loader: DataLoader) -> Iterator[Dict[str, torch.Tensor]]:
    while True:
        for batch in loader:
            yield batch


class Trainer:
    def __init__(self, cfg: ModelConfig, dataset: Dataset, opts: TrainOptions):
        self.cfg = cfg
        self.opts = opts
        torch.manual_seed(opts.seed)
        dev = torch.device(opts.device)
        self.device = dev
        self.model = FaceReenactor(cfg).to(dev)
        self.disc = MultiScaleDiscriminator(opts.disc_scales, opts.disc_base).to(dev)
        self.recon = ReconstructionLoss(vgg_weights=opts.vgg_weights, vgg_width_scale=opts.vgg_width_scale).to(dev)
        self.opt_g = torch.optim.Adam(self.model.parameters(), lr=opts.lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.disc.parameters(), lr=opts.lr, betas=(0.5, 0.999))
        self.step = 0
        self.dataset = dataset
        # A data set that draws whole batches itself (ResidentPairs, on the GPU) needs no DataLoader.
        self.loader = None if hasattr(dataset, "sample_batch") else DataLoader(
            dataset, batch_size=opts.batch_size, shuffle=True, drop_last=True,
            num_workers=opts.num_workers, persistent_workers=opts.num_workers > 0)
        self.trunc_gen = torch.Generator().manual_seed(opts.seed + 1)
        self.history: list = []
        self.amp = opts.amp_bf16 and dev.type == "cuda"
        self.warmup_from: Optional[int] = None
        os.makedirs(opts.out_dir, exist_ok=True)
        self._resume()

    def _resume(self) -> None:
        path = os.path.join(self.opts.out_dir, CHECKPOINT)
        if not os.path.exists(path):
            if self.opts.init_from:
                self.load_compact(self.opts.init_from)
            return
        # On the CPU first: the RNG states must stay CPU tensors; load_state_dict moves the rest to the device.
        ck = load_checkpoint(path, "cpu")
        if ModelConfig.from_json(ck["config"]) != self.cfg:
            raise ValueError(f"{path} was trained with another model config; use a new --out")
        self.model.load_state_dict(ck["model"])
        self.disc.load_state_dict(ck["disc"])
        self.opt_g.load_state_dict(ck["opt_g"])
        self.opt_d.load_state_dict(ck["opt_d"])
        self.step = ck["step"]
        self.trunc_gen.set_state(ck["trunc_gen"])
        torch.set_rng_state(ck["torch_rng"])
        if "data_rng" in ck and hasattr(self.dataset, "set_state"):
            self.dataset.set_state(ck["data_rng"])

    def save_compact(self, path: str, with_disc: bool = True) -> str:
        """Weights (float16) and step only: ~2 bytes a parameter instead of the full checkpoint's ~12, small enough
        to travel between GPU sessions; resuming from it restarts the optimizers (see TrainOptions.init_from)."""
        tmp = path + ".tmp"
        torch.save({"format": COMPACT_FORMAT, "config": self.cfg.to_json(), "model": _half_state(self.model.state_dict()),
                    "disc": _half_state(self.disc.state_dict()) if with_disc else None, "step": self.step,
                    "trunc_gen": self.trunc_gen.get_state()}, tmp)
        os.replace(tmp, path)
        return path

    def load_compact(self, path: str) -> None:
        ck = load_checkpoint(path, "cpu")
        if ck.get("format") != COMPACT_FORMAT:
            raise ValueError(f"{path} is not a compact checkpoint ({COMPACT_FORMAT})")
        if ModelConfig.from_json(ck["config"]) != self.cfg:
            raise ValueError(f"{path} was trained with another model config")
        self.model.load_state_dict(_float_state(ck["model"], self.model.state_dict()))
        if ck["disc"] is not None:  # a generator-only checkpoint restarts the discriminator
            self.disc.load_state_dict(_float_state(ck["disc"], self.disc.state_dict()))
        self.step = ck["step"]
        self.trunc_gen.set_state(ck["trunc_gen"])
        self.warmup_from = self.step

    def save(self) -> str:
        path = os.path.join(self.opts.out_dir, CHECKPOINT)
        tmp = path + ".tmp"
        torch.save({
            "config": self.cfg.to_json(), "model": self.model.state_dict(), "disc": self.disc.state_dict(),
            "opt_g": self.opt_g.state_dict(), "opt_d": self.opt_d.state_dict(), "step": self.step,
            "trunc_gen": self.trunc_gen.get_state(), "torch_rng": torch.get_rng_state(),
            **({"data_rng": self.dataset.get_state()} if hasattr(self.dataset, "get_state") else {}),
        }, tmp)
        os.replace(tmp, path)  # atomic: a run killed mid-save keeps the previous checkpoint
        return path

    def train_step(self, batch: Dict[str, torch.Tensor]) -> Dict[str, float]:
        batch = {k: v.to(self.device) for k, v in batch.items()}
        if self.cfg.uses_expression:
            batch["expression"] = truncate_expression(batch["expression"], self.cfg, self.trunc_gen)
        self.model.train()
        self._apply_warmup()
        with self._autocast():
            out = self.model(batch)
            # Losses in float32: SSIM's variances (E[x^2] - E[x]^2) cancel badly in bfloat16.
            pred, target = out["image"].float(), batch["driving"]
            loss_rec, parts = self.recon(pred, target)
            loss_g = loss_rec
            if self.model.detector is not None and self.opts.w_equivariance > 0:
                loss_eq, _ = equivariance_loss(self.model.detector, batch["driving"], out["kp_driving"], self.opts.equivariance_sigma)
                loss_g = loss_g + self.opts.w_equivariance * loss_eq
                parts = {**parts, "equivariance": loss_eq}
            use_gan = self.step >= self.opts.gan_start_step
            if use_gan:
                fake = self.disc(pred)
                real = self.disc(target)
                loss_g = loss_g + self.opts.w_gan * hinge_g_loss(fake) + self.opts.w_feature_matching * feature_matching_loss(real, fake)
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()
        log = {"step": self.step, "loss_g": float(loss_g), **{k: float(v) for k, v in parts.items()}}
        if use_gan:
            with self._autocast():
                d_loss = hinge_d_loss(self.disc(target), self.disc(pred.detach()))
            self.opt_d.zero_grad(set_to_none=True)
            d_loss.backward()
            self.opt_d.step()
            log["loss_d"] = float(d_loss)
        self.step += 1
        return log

    def _autocast(self):
        if self.amp:
            return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def _apply_warmup(self) -> None:
        if self.warmup_from is None:
            return
        done = self.step - self.warmup_from
        scale = 1.0 if done >= self.opts.warmup_steps else (done + 1) / self.opts.warmup_steps
        for opt in (self.opt_g, self.opt_d):
            for group in opt.param_groups:
                group["lr"] = self.opts.lr * scale
        if scale >= 1.0:
            self.warmup_from = None

    def next_batch(self, batches: Optional[Iterator[Dict[str, torch.Tensor]]]) -> Dict[str, torch.Tensor]:
        if batches is None:
            return self.dataset.sample_batch(self.opts.batch_size)
        return next(batches)

    def run(self, max_steps: Optional[int] = None) -> Dict:
        """Trains until total_steps, `max_steps` more steps, or the time budget; checkpoints on the way and at the end."""
        t0 = time.monotonic()
        stop_at = self.opts.total_steps if max_steps is None else min(self.opts.total_steps, self.step + max_steps)
        batches = None if self.loader is None else _cycle(self.loader)
        reason = "total_steps"
        while self.step < stop_at:
            log = self.train_step(self.next_batch(batches))
            self.history.append(log)
            if self.step % self.opts.log_every == 0:
                print(json.dumps(log), flush=True)
            if self.step % self.opts.checkpoint_every == 0:
                self.save()
            if self.opts.time_budget_s is not None and time.monotonic() - t0 > self.opts.time_budget_s:
                reason = "time_budget"
                break
        else:
            reason = "total_steps" if self.step >= self.opts.total_steps else "max_steps"
        path = self.save()
        return {"step": self.step, "stopped": reason, "checkpoint": path, "seconds": time.monotonic() - t0}
