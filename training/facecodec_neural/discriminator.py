"""Multi-resolution patch discriminator (PatchGAN at several image scales) and its hinge / feature-matching losses."""
from __future__ import annotations

from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class PatchDiscriminator(nn.Module):
    def __init__(self, base: int = 64, layers: int = 4, max_channels: int = 512):
        super().__init__()
        blocks = []
        cin = 3
        for i in range(layers):
            cout = min(max_channels, base * (2 ** i))
            stride = 2 if i < layers - 1 else 1
            blocks.append(nn.Sequential(spectral_norm(nn.Conv2d(cin, cout, 4, stride, 1)), nn.LeakyReLU(0.2)))
            cin = cout
        self.blocks = nn.ModuleList(blocks)
        self.out = spectral_norm(nn.Conv2d(cin, 1, 4, 1, 1))

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[torch.Tensor]]:
        feats = []
        x = x * 2 - 1
        for b in self.blocks:
            x = b(x)
            feats.append(x)
        return self.out(x), feats


class MultiScaleDiscriminator(nn.Module):
    def __init__(self, scales: int = 2, base: int = 64, layers: int = 4, max_channels: int = 512):
        super().__init__()
        self.nets = nn.ModuleList([PatchDiscriminator(base, layers, max_channels) for _ in range(scales)])

    def forward(self, image: torch.Tensor):
        outs = []
        x = image
        for i, net in enumerate(self.nets):
            if i:
                x = F.avg_pool2d(x, 2)
            outs.append(net(x))
        return outs


def hinge_d_loss(real_outs, fake_outs) -> torch.Tensor:
    loss = 0.0
    for (r, _), (f, _) in zip(real_outs, fake_outs):
        loss = loss + F.relu(1 - r).mean() + F.relu(1 + f).mean()
    return loss / len(real_outs)


def hinge_g_loss(fake_outs) -> torch.Tensor:
    return sum(-f.mean() for f, _ in fake_outs) / len(fake_outs)


def feature_matching_loss(real_outs, fake_outs) -> torch.Tensor:
    loss = 0.0
    count = 0
    for (_, rf), (_, ff) in zip(real_outs, fake_outs):
        for a, b in zip(rf, ff):
            loss = loss + (a.detach() - b).abs().mean()
            count += 1
    return loss / max(count, 1)
