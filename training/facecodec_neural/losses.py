"""Reconstruction losses. No pretrained VGG can be downloaded here, so the default perceptual loss compares features
of a fixed, randomly initialised VGG-shaped net (random conv features still respond to edges and texture), added to
multi-scale L1 and SSIM. With real VGG-19 weights (torchvision's state dict file) pass them to get the paper's loss."""
from __future__ import annotations

from typing import List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

# VGG-19 'features' layout (torchvision numbering), so a torchvision state dict loads by key.
_VGG19 = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"]
# relu1_1, relu2_1, relu3_1, relu4_1, relu5_1 (the layers of the perceptual loss of pix2pixHD / face-vid2vid).
_TAPS = (1, 6, 11, 20, 29)


class VggFeatures(nn.Module):
    def __init__(self, width_scale: float = 1.0, weights: Optional[str] = None, seed: int = 1234):
        super().__init__()
        layers: List[nn.Module] = []
        cin = 3
        for v in _VGG19:
            if v == "M":
                layers.append(nn.MaxPool2d(2))
            else:
                cout = max(4, int(v * width_scale))
                layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU()]
                cin = cout
        self.features = nn.Sequential(*layers)
        self.pretrained = weights is not None
        if weights:
            state = torch.load(weights, map_location="cpu")
            state = {k[len("features."):]: v for k, v in state.items() if k.startswith("features.")}
            self.features.load_state_dict(state)
        else:
            # Fixed seed: the same random features in every run, so checkpoints and losses stay comparable.
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(seed)
                for m in self.features:
                    if isinstance(m, nn.Conv2d):
                        nn.init.kaiming_normal_(m.weight)
                        nn.init.zeros_(m.bias)
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1))
        for p in self.parameters():
            p.requires_grad_(False)
        self.eval()

    def forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        x = (x - self.mean) / self.std
        out = []
        for i, layer in enumerate(self.features):
            x = layer(x)
            if i in _TAPS:
                out.append(x)
            if i >= _TAPS[-1]:
                break
        return out


def ssim(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Mean SSIM with a 7x7 box window (images in [0, 1])."""
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    mu_a = F.avg_pool2d(a, 7, 1, 3)
    mu_b = F.avg_pool2d(b, 7, 1, 3)
    var_a = F.avg_pool2d(a * a, 7, 1, 3) - mu_a ** 2
    var_b = F.avg_pool2d(b * b, 7, 1, 3) - mu_b ** 2
    cov = F.avg_pool2d(a * b, 7, 1, 3) - mu_a * mu_b
    s = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return s.mean()


class ReconstructionLoss(nn.Module):
    """Multi-scale perceptual (VGG-shaped features) + multi-scale L1 + (1 - SSIM); returns the total and its parts."""

    def __init__(self, scales: int = 3, vgg_weights: Optional[str] = None, vgg_width_scale: float = 1.0,
                 w_perceptual: float = 1.0, w_l1: float = 1.0, w_ssim: float = 0.5):
        super().__init__()
        self.scales = scales
        self.vgg = VggFeatures(1.0 if vgg_weights else vgg_width_scale, vgg_weights)
        self.w = (w_perceptual, w_l1, w_ssim)

    def forward(self, pred: torch.Tensor, target: torch.Tensor):
        perceptual = pred.new_zeros(())
        l1 = pred.new_zeros(())
        p, t = pred, target
        for s in range(self.scales):
            if s:
                p, t = F.avg_pool2d(p, 2), F.avg_pool2d(t, 2)
            if min(p.shape[-2:]) < 8:
                break
            for fp, ft in zip(self.vgg(p), self.vgg(t)):
                perceptual = perceptual + (fp - ft.detach()).abs().mean()
            l1 = l1 + (p - t).abs().mean()
        structural = 1 - ssim(pred, target)
        total = self.w[0] * perceptual + self.w[1] * l1 + self.w[2] * structural
        return total, {"perceptual": perceptual.detach(), "l1": l1.detach(), "ssim_loss": structural.detach()}
