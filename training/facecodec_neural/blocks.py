"""Small building blocks shared by the networks (2D conv units, 3D residual blocks on slabs, SPADE)."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .volume_ops import SlabBatchNorm, SlabConv3d


class ConvBnRelu(nn.Sequential):
    def __init__(self, cin: int, cout: int, k: int = 3):
        super().__init__(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class ResBlock3d(nn.Module):
    """Pre-activation residual block on a feature volume (BN-ReLU-Conv3x3x3 twice)."""

    def __init__(self, channels: int):
        super().__init__()
        self.norm1 = SlabBatchNorm(channels)
        self.conv1 = SlabConv3d(channels, channels)
        self.norm2 = SlabBatchNorm(channels)
        self.conv2 = SlabConv3d(channels, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv1(F.relu(self.norm1(x)))
        y = self.conv2(F.relu(self.norm2(y)))
        return x + y


class Block3d(nn.Module):
    """Conv3x3x3-BN-ReLU on a volume."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.conv = SlabConv3d(cin, cout)
        self.norm = SlabBatchNorm(cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.norm(self.conv(x)))


class Spade(nn.Module):
    """SPADE: parameter-free instance norm, then a per-pixel scale and shift predicted from the conditional map."""

    def __init__(self, channels: int, cond_channels: int, hidden: int):
        super().__init__()
        self.norm = nn.InstanceNorm2d(channels, affine=False)
        self.shared = nn.Sequential(nn.Conv2d(cond_channels, hidden, 3, padding=1), nn.ReLU())
        self.gamma = nn.Conv2d(hidden, channels, 3, padding=1)
        self.beta = nn.Conv2d(hidden, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        a = self.shared(cond)
        return self.norm(x) * (1 + self.gamma(a)) + self.beta(a)


class SpadeResBlock(nn.Module):
    """SPADE residual block (SPADE-LeakyReLU-Conv twice, identity skip)."""

    def __init__(self, channels: int, cond_channels: int, hidden: int):
        super().__init__()
        self.norm0 = Spade(channels, cond_channels, hidden)
        self.conv0 = nn.Conv2d(channels, channels, 3, padding=1)
        self.norm1 = Spade(channels, cond_channels, hidden)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        dx = self.conv0(F.leaky_relu(self.norm0(x, cond), 0.2))
        dx = self.conv1(F.leaky_relu(self.norm1(dx, cond), 0.2))
        return x + dx
