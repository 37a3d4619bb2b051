"""Procedural (source, driving) pairs for tests and smoke runs: a 68-point 3D template posed and deformed by an
expression vector, drawn as coloured blobs, with track-like parameters. Not faces; it checks plumbing, not quality."""
from __future__ import annotations

from typing import Dict

import numpy as np
import torch
from torch.utils.data import Dataset

from .config import ModelConfig
from .geometry import expression_feature, normalized_keypoints, normalized_rotation


def template_mm(seed: int = 7) -> np.ndarray:
    """68 points roughly on a face-sized ellipsoid cap (mm, head space: x right, y up, z to the viewer)."""
    rng = np.random.default_rng(seed)
    theta = rng.uniform(-1.2, 1.2, 68)
    phi = rng.uniform(-1.0, 0.8, 68)
    return np.stack([70 * np.sin(theta) * np.cos(phi), 90 * np.sin(phi), 60 * np.cos(theta) * np.cos(phi)], 1)


def expression_basis(dims: int, seed: int = 11) -> np.ndarray:
    """(dims, 68, 3) displacement per unit expression coefficient, decaying with the index (variance order)."""
    rng = np.random.default_rng(seed)
    return rng.normal(0, 4.0, (dims, 68, 3)) / (1 + np.arange(dims)).reshape(-1, 1, 1)


def sample_track_frame(rng: np.random.Generator, expression_dims: int, crop_px: float) -> Dict:
    """One track-like frame: pose in crop pixels, expression, jaw and the 68 keypoints in head space."""
    expr = rng.normal(0, 1, expression_dims).astype(np.float32)
    kp = template_mm() + np.tensordot(expr, expression_basis(expression_dims), axes=1)
    return {
        "keypoints68Mm": kp.reshape(-1).astype(np.float32),
        "expression": expr,
        "jawRad": np.array([rng.uniform(0, 0.2), 0, 0], dtype=np.float32),
        "rotationRad": rng.uniform(-0.25, 0.25, 3).astype(np.float32),
        "translationPx": (crop_px / 2 + rng.uniform(-0.05, 0.05, 2) * crop_px).astype(np.float32),
        "scalePxPerMm": float(crop_px / 280 * rng.uniform(0.9, 1.1)),
    }


def draw(frame: Dict, size: int, crop_px: float) -> np.ndarray:
    """(size, size, 3) uint8: a shaded disc behind Gaussian blobs at the projected keypoints."""
    kp = normalized_keypoints(frame["keypoints68Mm"], frame["rotationRad"], frame["translationPx"], frame["scalePxPerMm"], crop_px)
    c = (np.arange(size) + 0.5) / size * 2 - 1
    yy, xx = np.meshgrid(c, c, indexing="ij")
    img = np.zeros((size, size, 3), dtype=np.float32) + np.array([0.2, 0.25, 0.3], dtype=np.float32)
    centre = kp.mean(0)
    disc = np.exp(-(((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / 0.25) ** 2)
    img += disc[..., None] * np.array([0.5, 0.35, 0.25], dtype=np.float32)
    colours = np.stack([np.sin(np.arange(68)), np.cos(np.arange(68) * 0.7), np.sin(np.arange(68) * 1.3)], 1) * 0.3
    for p, col in zip(kp, colours):
        blob = np.exp(-((xx - p[0]) ** 2 + (yy - p[1]) ** 2) / 0.003) * (0.6 + 0.4 * np.tanh(p[2] * 3))
        img += blob[..., None] * col.astype(np.float32)
    return (np.clip(img, 0, 1) * 255).round().astype(np.uint8)


class SyntheticPairs(Dataset):
    def __init__(self, cfg: ModelConfig, count: int = 64, seed: int = 0, crop_px: float | None = None):
        self.cfg = cfg
        self.count = count
        self.seed = seed
        self.crop_px = float(crop_px or cfg.image_size)

    def __len__(self) -> int:
        return self.count

    def frame_pair(self, i: int):
        rng = np.random.default_rng(self.seed * 100_003 + i)
        return sample_track_frame(rng, self.cfg.expression_dims, self.crop_px), sample_track_frame(rng, self.cfg.expression_dims, self.crop_px)

    def __getitem__(self, i: int) -> Dict[str, torch.Tensor]:
        s, d = self.frame_pair(i)
        ids = self.cfg.landmark_ids

        def kp(fr):
            return torch.from_numpy(normalized_keypoints(fr["keypoints68Mm"], fr["rotationRad"], fr["translationPx"],
                                                         fr["scalePxPerMm"], self.crop_px)[ids])

        return {
            "source": torch.from_numpy(draw(s, self.cfg.image_size, self.crop_px)).permute(2, 0, 1).float() / 255,
            "driving": torch.from_numpy(draw(d, self.cfg.image_size, self.crop_px)).permute(2, 0, 1).float() / 255,
            "kp_source": kp(s),
            "kp_driving": kp(d),
            "rot_source": torch.from_numpy(normalized_rotation(s["rotationRad"])),
            "rot_driving": torch.from_numpy(normalized_rotation(d["rotationRad"])),
            "expression": torch.from_numpy(expression_feature(d["expression"], d["jawRad"], self.cfg.expression_dims)),
        }
