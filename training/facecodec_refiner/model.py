"""A small U-Net that corrects the mesh-warp render inside the face region.

Input (N, 9, H, W) in 0..1: the warped frame's RGB, three masks the TypeScript renderer draws from the frame's
mesh (face, mouth interior, eyes) and the keyframe's RGB in place (src/decoder/refiner/refiner-input.ts). Output (N, 3, H, W): the refined frame,
warped + face mask x residual, so pixels outside the face are the mesh-warp's exactly. H and W must be multiples of 8.
Sized for about 200 M multiply-adds at 256 px: every full-resolution step is a pixel shuffle, the widest layers run
at 1/8 resolution, and skips are added (not concatenated) to keep the decoder convs narrow.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

IN_CHANNELS = 9
FACE_MASK_CHANNEL = 3


@dataclass
class RefinerConfig:
    widths: tuple = (16, 32, 48)
    mid_blocks: int = 2
    # The residual's largest magnitude (0..1 image units): a bounded correction, not a new image.
    max_residual: float = 0.5

    def to_json(self) -> dict:
        d = asdict(self)
        d["widths"] = list(self.widths)
        return d


def tiny_refiner_config() -> RefinerConfig:
    return RefinerConfig(widths=(4, 8, 8), mid_blocks=1)


class Refiner(nn.Module):
    def __init__(self, cfg: RefinerConfig = RefinerConfig()):
        super().__init__()
        self.cfg = cfg
        w0, w1, w2 = cfg.widths
        act = lambda: nn.LeakyReLU(0.1)
        self.e0 = nn.Sequential(nn.Conv2d(IN_CHANNELS, w0, 3, stride=2, padding=1), act())
        self.e1 = nn.Sequential(nn.Conv2d(w0, w1, 3, stride=2, padding=1), act())
        self.e2 = nn.Sequential(nn.Conv2d(w1, w2, 3, stride=2, padding=1), act())
        self.mid = nn.ModuleList(nn.Sequential(nn.Conv2d(w2, w2, 3, padding=1), act(), nn.Conv2d(w2, w2, 3, padding=1))
                                 for _ in range(cfg.mid_blocks))
        self.r2 = nn.Conv2d(w2, w1, 1)
        self.d1 = nn.Sequential(nn.Conv2d(w1, w1, 3, padding=1), act())
        self.r1 = nn.Conv2d(w1, w0, 1)
        self.d0 = nn.Sequential(nn.Conv2d(w0, w0, 3, padding=1), act())
        self.head = nn.Conv2d(w0, 12, 3, padding=1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        warped = x[:, 0:3]
        face = x[:, FACE_MASK_CHANNEL:FACE_MASK_CHANNEL + 1]
        f0 = self.e0(x)
        f1 = self.e1(f0)
        f2 = self.e2(f1)
        for block in self.mid:
            f2 = f2 + block(f2)
        u1 = self.d1(F.interpolate(self.r2(f2), scale_factor=2.0, mode="bilinear", align_corners=False) + f1)
        u0 = self.d0(F.interpolate(self.r1(u1), scale_factor=2.0, mode="bilinear", align_corners=False) + f0)
        residual = F.pixel_shuffle(self.head(u0), 2)
        residual = self.cfg.max_residual * torch.tanh(residual)
        return (warped + face * residual).clamp(0.0, 1.0)


def multiply_adds(cfg: RefinerConfig, size: int = 256) -> int:
    """Multiply-adds of one forward pass at size x size (convs only)."""
    w0, w1, w2 = cfg.widths
    s0, s1, s2 = (size // 2) ** 2, (size // 4) ** 2, (size // 8) ** 2
    n = s0 * IN_CHANNELS * w0 * 9 + s1 * w0 * w1 * 9 + s2 * w1 * w2 * 9
    n += cfg.mid_blocks * 2 * s2 * w2 * w2 * 9
    n += s2 * w2 * w1 + s1 * w1 * w1 * 9 + s1 * w1 * w0 + s0 * w0 * w0 * 9 + s0 * w0 * 12 * 9
    return n
