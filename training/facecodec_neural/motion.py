"""Motion field estimator: source/driving keypoints (+ head rotations) to a dense 3D flow and a 2D occlusion map."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import ModelConfig
from .hourglass import Hourglass3d
from .volume_ops import SlabBatchNorm, SlabConv3d, identity_grid, sample_volume


def keypoint_flows(grid: torch.Tensor, kp_source: torch.Tensor, kp_driving: torch.Tensor, rotation: torch.Tensor) -> torch.Tensor:
    """Per-keypoint backward flows (N, K+1, D, H, W, 3): slot 0 is the identity (background), slot k maps a driving
    point p to R (p - kp_driving_k) + kp_source_k, the zeroth-order motion of FOMM with face-vid2vid's rotation."""
    n, k, _ = kp_source.shape
    d, h, w, _ = grid.shape
    g = grid.reshape(1, 1, d * h * w, 3)
    rel = g - kp_driving.reshape(n, k, 1, 3)
    # float32 even under bfloat16 autocast (training on a GPU): these are sampling coordinates.
    with torch.autocast(device_type=grid.device.type, enabled=False):
        rotated = torch.matmul(rel.float(), rotation.float().transpose(1, 2).reshape(n, 1, 3, 3))
    flows = rotated + kp_source.reshape(n, k, 1, 3)
    background = g.expand(n, 1, d * h * w, 3)
    return torch.cat([background, flows], dim=1).reshape(n, k + 1, d, h, w, 3)


def keypoint_heatmaps(grid: torch.Tensor, kp_source: torch.Tensor, kp_driving: torch.Tensor, variance: float) -> torch.Tensor:
    """Gaussian(driving) - Gaussian(source) per keypoint, zero background: (N, K+1, 1, D, H, W)."""
    n, k, _ = kp_source.shape
    d, h, w, _ = grid.shape
    g = grid.reshape(1, 1, d * h * w, 3)

    def gauss(kp: torch.Tensor) -> torch.Tensor:
        diff = g - kp.reshape(n, k, 1, 3)
        return torch.exp(-0.5 * (diff * diff).sum(-1) / variance)

    heat = (gauss(kp_driving) - gauss(kp_source)).reshape(n, k, 1, d, h, w)
    zeros = torch.zeros_like(heat[:, :1])
    return torch.cat([zeros, heat], dim=1)


class MotionFieldEstimator(nn.Module):
    """Predicts a softmax mask over the K+1 flows (which one to trust where) and an occlusion map."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        k1 = cfg.num_keypoints + 1
        c = cfg.motion_compressed_channels
        self.compress = SlabConv3d(cfg.volume_channels, c, 1)
        self.norm = SlabBatchNorm(c)
        self.hourglass = Hourglass3d(k1 * (c + 1), cfg.motion_base_channels, cfg.motion_max_channels, cfg.motion_levels)
        self.mask = SlabConv3d(self.hourglass.out_channels, k1, 3)
        self.occlusion = nn.Conv2d(self.hourglass.out_channels * cfg.volume_depth, 1, 7, padding=3)
        s = cfg.volume_size
        self.register_buffer("grid", identity_grid(cfg.volume_depth, s, s), persistent=False)

    def forward(self, volume: torch.Tensor, kp_source: torch.Tensor, kp_driving: torch.Tensor, rotation: torch.Tensor):
        """Returns (deformation (N, D, H, W, 3), occlusion (N, 1, H, W), mask (N, K+1, D, H, W))."""
        n, _, d, h, w = volume.shape
        k1 = self.cfg.num_keypoints + 1
        feat = F.relu(self.norm(self.compress(volume)))
        flows = keypoint_flows(self.grid, kp_source, kp_driving, rotation)
        heat = keypoint_heatmaps(self.grid, kp_source, kp_driving, self.cfg.heatmap_variance)
        c = feat.shape[1]
        # Each keypoint's flow applied to the compressed source volume: one batched sampling of K+1 copies.
        feat_rep = feat.unsqueeze(1).expand(n, k1, c, d, h, w).reshape(n * k1, c, d, h, w)
        deformed = sample_volume(feat_rep, flows.reshape(n * k1, d, h, w, 3)).reshape(n, k1, c, d, h, w)
        x = torch.cat([heat, deformed], dim=2).reshape(n, k1 * (c + 1), d, h, w)
        pred = self.hourglass(x)
        mask = torch.softmax(self.mask(pred), dim=1)
        deformation = (mask.unsqueeze(-1) * flows).sum(dim=1)
        occlusion = torch.sigmoid(self.occlusion(pred.reshape(n, -1, h, w)))
        return deformation, occlusion, mask
