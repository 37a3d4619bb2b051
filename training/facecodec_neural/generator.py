"""Expression-aware generator: warped volume -> 2D projection -> SPADE blocks conditioned on [feature, expression]."""
from __future__ import annotations

from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ConvBnRelu, SpadeResBlock
from .config import ModelConfig


class ExpressionAwareGenerator(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        g = cfg.generator_channels
        self.project = ConvBnRelu(cfg.volume_channels * cfg.volume_depth, g, 3)
        self.project_out = nn.Conv2d(g, g, 1)
        cond = g + (cfg.expression_feature_dims if cfg.uses_expression else 0)
        self.spade = nn.ModuleList([SpadeResBlock(g, cond, cfg.spade_hidden) for _ in range(cfg.spade_blocks)])
        ups = []
        ch = g
        for _ in range(cfg.down_blocks):
            nxt = max(cfg.base_channels, ch // 2)
            ups.append(ConvBnRelu(ch, nxt, 3))
            ch = nxt
        self.ups = nn.ModuleList(ups)
        self.final = nn.Conv2d(ch, 3, 7, padding=3)

    def forward(self, warped: torch.Tensor, occlusion: torch.Tensor, expression: Optional[torch.Tensor]) -> torch.Tensor:
        """warped (N, C, D, H, W), occlusion (N, 1, H, W), expression (N, 3 + E) or None -> image (N, 3, S, S) in [0, 1]."""
        n, c, d, h, w = warped.shape
        x = self.project_out(self.project(warped.reshape(n, c * d, h, w))) * occlusion
        cond = x
        if self.cfg.uses_expression:
            assert expression is not None
            e = expression.reshape(n, -1, 1, 1).expand(n, expression.shape[1], h, w)
            cond = torch.cat([x, e], dim=1)
        for block in self.spade:
            x = block(x, cond)
        for up in self.ups:
            x = up(F.interpolate(x, scale_factor=2.0, mode="nearest"))
        return torch.sigmoid(self.final(x))
