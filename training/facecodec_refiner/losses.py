"""Losses that need no pretrained weights: masked L1, (1 - SSIM) and image-gradient L1, weighted to the face."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from .model import FACE_MASK_CHANNEL

MOUTH_CHANNEL = 4
EYES_CHANNEL = 5


def ssim_map(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Per-pixel SSIM with a 7x7 box window (images in 0..1)."""
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    mu_a, mu_b = F.avg_pool2d(a, 7, 1, 3), F.avg_pool2d(b, 7, 1, 3)
    var_a = F.avg_pool2d(a * a, 7, 1, 3) - mu_a ** 2
    var_b = F.avg_pool2d(b * b, 7, 1, 3) - mu_b ** 2
    cov = F.avg_pool2d(a * b, 7, 1, 3) - mu_a * mu_b
    return ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))


def region_weight(x: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W): 1 on the face, 3 on the mouth interior and the eyes, 0 outside (the output equals the warp there)."""
    face = x[:, FACE_MASK_CHANNEL:FACE_MASK_CHANNEL + 1]
    return face + 2.0 * (x[:, MOUTH_CHANNEL:MOUTH_CHANNEL + 1] + x[:, EYES_CHANNEL:EYES_CHANNEL + 1])


def refiner_loss(pred: torch.Tensor, target: torch.Tensor, x: torch.Tensor, w_ssim: float = 0.1, w_grad: float = 0.0):
    """L1-led: where the warp and the frame disagree by a misalignment the network cannot see, L1's optimum is no
    change. A strong SSIM term (first runs: weight 1, gradients 0.5) instead rewarded texture of the right contrast in
    the wrong place: the network added noise and lost 1.4 dB of face PSNR on its own training clips."""
    w = region_weight(x)
    norm = w.sum() * 3 + 1e-6
    l1 = ((pred - target).abs() * w).sum() / norm
    s = ((1 - ssim_map(pred, target)) * w).sum() / norm
    def grads(t):
        return t[..., :, 1:] - t[..., :, :-1], t[..., 1:, :] - t[..., :-1, :]
    (px, py), (tx, ty) = grads(pred), grads(target)
    g = (((px - tx).abs() * w[..., :, 1:]).sum() + ((py - ty).abs() * w[..., 1:, :]).sum()) / (2 * norm)
    total = l1 + w_ssim * s + w_grad * g
    return total, {"l1": float(l1), "ssim_loss": float(s), "grad": float(g)}


def face_psnr(pred: torch.Tensor, target: torch.Tensor, x: torch.Tensor) -> float:
    """PSNR (dB) inside the face mask (mask > 0.5)."""
    m = (x[:, FACE_MASK_CHANNEL:FACE_MASK_CHANNEL + 1] > 0.5).float()
    mse = (((pred - target) ** 2) * m).sum() / (m.sum() * 3 + 1e-9)
    return float(10 * torch.log10(1.0 / (mse + 1e-12)))
