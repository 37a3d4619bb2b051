"""A 3D U-Net (face-vid2vid's Hourglass) with H/W-only pooling, built on slab convolutions."""
from __future__ import annotations

from typing import List

import torch
import torch.nn as nn

from .blocks import Block3d
from .volume_ops import pool_hw, upsample_hw


class Hourglass3d(nn.Module):
    def __init__(self, in_channels: int, base: int, max_channels: int, levels: int):
        super().__init__()
        self.down = nn.ModuleList()
        chans: List[int] = [in_channels]
        c = in_channels
        for i in range(levels):
            nxt = min(max_channels, base * (2 ** i))
            self.down.append(Block3d(c, nxt))
            chans.append(nxt)
            c = nxt
        self.up = nn.ModuleList()
        for i in reversed(range(levels)):
            skip = chans[i]
            nxt = min(max_channels, base * (2 ** max(i - 1, 0))) if i > 0 else base
            self.up.append(Block3d(c, nxt))
            c = nxt + skip
        self.out_channels = c

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = [x]
        for block in self.down:
            x = pool_hw(block(x))
            skips.append(x)
        x = skips.pop()
        for block in self.up:
            x = upsample_hw(block(x))
            x = torch.cat([x, skips.pop()], dim=1)
        return x
