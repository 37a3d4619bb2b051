"""Learned 3D keypoints for the unsupervised ablation (face-vid2vid baseline): image -> K points by 3D soft-argmax."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ConvBnRelu
from .config import ModelConfig
from .volume_ops import identity_grid


class KeypointDetector(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        ch = cfg.detector_channels
        layers = [ConvBnRelu(3, ch, 7)]
        for _ in range(cfg.down_blocks):
            layers += [ConvBnRelu(ch, ch * 2, 3), nn.AvgPool2d(2)]
            ch *= 2
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(ch, cfg.num_keypoints * cfg.detector_depth, 3, padding=1)
        s = cfg.volume_size
        self.register_buffer("grid", identity_grid(cfg.detector_depth, s, s), persistent=False)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        """(N, 3, S, S) -> (N, K, 3) in the network's normalized coordinates."""
        n = image.shape[0]
        heat = self.head(self.body(image * 2 - 1)).reshape(n, self.cfg.num_keypoints, -1)
        prob = F.softmax(heat, dim=-1)
        return torch.matmul(prob, self.grid.reshape(-1, 3))
