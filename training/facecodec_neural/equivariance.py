"""face-vid2vid's equivariance loss for learned keypoints: warp an image by a random affine map T; the keypoints found
in the warped image, mapped through T, must land where the keypoints of the original image are."""
from __future__ import annotations

from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


def random_affine(n: int, sigma: float, device, generator: torch.Generator | None = None) -> torch.Tensor:
    """(N, 2, 3) maps close to identity: normalized output (x, y) -> sampling position in the input, as affine_grid."""
    noise = torch.randn(n, 2, 3, generator=generator) * sigma
    eye = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    return (eye + noise).to(device)


def warp_image(image: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    """I'(p) = I(T p): what a camera sees after the image plane moved by T^-1 (border padding: no black wedges)."""
    grid = F.affine_grid(theta.to(image.dtype), list(image.shape), align_corners=False)
    return F.grid_sample(image, grid, padding_mode="border", align_corners=False)


def apply_affine_xy(theta: torch.Tensor, kp: torch.Tensor) -> torch.Tensor:
    """T applied to the x, y of (N, K, 3) keypoints -> (N, K, 2)."""
    return torch.matmul(kp[..., :2], theta[:, :, :2].transpose(1, 2)) + theta[:, :, 2].unsqueeze(1)


def equivariance_loss(detector: nn.Module, image: torch.Tensor, kp: torch.Tensor, sigma: float = 0.05,
                      generator: torch.Generator | None = None) -> Tuple[torch.Tensor, torch.Tensor]:
    """L1 between kp (the detector's keypoints of `image`, x and y) and T(kp of the warped image); returns
    (loss, theta). Only x, y are constrained: a 2D warp says nothing about depth (face-vid2vid does the same)."""
    theta = random_affine(image.shape[0], sigma, image.device, generator)
    kp_warped = detector(warp_image(image, theta))
    # float32: these are coordinates, also under bfloat16 autocast.
    mapped = apply_affine_xy(theta.float(), kp_warped.float())
    return (mapped - kp[..., :2].float()).abs().mean(), theta
