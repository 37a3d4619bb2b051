"""Appearance feature extractor: the keyframe image to a 3D feature volume (face-vid2vid's F)."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ConvBnRelu, ResBlock3d
from .config import ModelConfig


class AppearanceFeatureExtractor(nn.Module):
    """(N, 3, S, S) image in [0, 1] -> (N, C, D, S/4, S/4) volume (sizes from the config)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        ch = cfg.base_channels
        self.first = ConvBnRelu(3, ch, 7)
        downs = []
        for _ in range(cfg.down_blocks):
            nxt = min(cfg.max_channels, ch * 2)
            downs.append(ConvBnRelu(ch, nxt, 3))
            ch = nxt
        self.downs = nn.ModuleList(downs)
        self.to_volume = nn.Conv2d(ch, cfg.volume_channels * cfg.volume_depth, 1)
        self.res = nn.Sequential(*[ResBlock3d(cfg.volume_channels) for _ in range(cfg.volume_res_blocks)])

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        x = self.first(image * 2 - 1)
        for down in self.downs:
            x = F.avg_pool2d(down(x), 2)
        x = self.to_volume(x)
        n, _, h, w = x.shape
        x = x.reshape(n, self.cfg.volume_channels, self.cfg.volume_depth, h, w)
        return self.res(x)
