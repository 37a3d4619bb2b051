"""Training loop with checkpoint/resume, so a full run proceeds in chunks that each fit a time budget."""
from __future__ import annotations

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
    vgg_weights: Optional[str] = None
    vgg_width_scale: float = 1.0
    disc_scales: int = 2
    disc_base: int = 64
    num_workers: int = 2
    device: str = "cpu"
    seed: int = 0


CHECKPOINT = "checkpoint.pt"


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
        self.loader = DataLoader(dataset, batch_size=opts.batch_size, shuffle=True, drop_last=True,
                                 num_workers=opts.num_workers, persistent_workers=opts.num_workers > 0)
        self.trunc_gen = torch.Generator().manual_seed(opts.seed + 1)
        self.history: list = []
        os.makedirs(opts.out_dir, exist_ok=True)
        self._resume()

    def _resume(self) -> None:
        path = os.path.join(self.opts.out_dir, CHECKPOINT)
        if not os.path.exists(path):
            return
        ck = torch.load(path, map_location=self.device)
        if ModelConfig.from_json(ck["config"]) != self.cfg:
            raise ValueError(f"{path} was trained with another model config; use a new --out")
        self.model.load_state_dict(ck["model"])
        self.disc.load_state_dict(ck["disc"])
        self.opt_g.load_state_dict(ck["opt_g"])
        self.opt_d.load_state_dict(ck["opt_d"])
        self.step = ck["step"]
        self.trunc_gen.set_state(ck["trunc_gen"])
        torch.set_rng_state(ck["torch_rng"])

    def save(self) -> str:
        path = os.path.join(self.opts.out_dir, CHECKPOINT)
        tmp = path + ".tmp"
        torch.save({
            "config": self.cfg.to_json(), "model": self.model.state_dict(), "disc": self.disc.state_dict(),
            "opt_g": self.opt_g.state_dict(), "opt_d": self.opt_d.state_dict(), "step": self.step,
            "trunc_gen": self.trunc_gen.get_state(), "torch_rng": torch.get_rng_state(),
        }, tmp)
        os.replace(tmp, path)  # atomic: a run killed mid-save keeps the previous checkpoint
        return path

    def train_step(self, batch: Dict[str, torch.Tensor]) -> Dict[str, float]:
        batch = {k: v.to(self.device) for k, v in batch.items()}
        if self.cfg.uses_expression:
            batch["expression"] = truncate_expression(batch["expression"], self.cfg, self.trunc_gen)
        self.model.train()
        out = self.model(batch)
        pred, target = out["image"], batch["driving"]
        loss_rec, parts = self.recon(pred, target)
        loss_g = loss_rec
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
            d_loss = hinge_d_loss(self.disc(target), self.disc(pred.detach()))
            self.opt_d.zero_grad(set_to_none=True)
            d_loss.backward()
            self.opt_d.step()
            log["loss_d"] = float(d_loss)
        self.step += 1
        return log

    def run(self, max_steps: Optional[int] = None) -> Dict:
        """Trains until total_steps, `max_steps` more steps, or the time budget; checkpoints on the way and at the end."""
        t0 = time.monotonic()
        stop_at = self.opts.total_steps if max_steps is None else min(self.opts.total_steps, self.step + max_steps)
        batches = _cycle(self.loader)
        reason = "total_steps"
        while self.step < stop_at:
            log = self.train_step(next(batches))
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
