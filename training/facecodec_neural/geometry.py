"""Head-space keypoints + weak-perspective pose -> the network's normalized coordinates; the same mapping as
src/decoder/neural/keypoint-mapping.ts (keep the two in step).

Projection (src/face/projection.ts): u = tx + s (R X)_x, v = ty - s (R X)_y, depth = s (R X)_z, in pixels of a
square crop of side `crop_px`. Normalized: x = 2u/crop - 1, y = 2v/crop - 1, z = 2 depth/crop, so x, y follow
grid_sample's align_corners=False convention over the crop (pixel edges at +-1) and z uses the same scale as x.
Rotations for the flow are expressed in that frame: F R F with F = diag(1, -1, 1) (image y points down).
"""
from __future__ import annotations

import numpy as np

FLIP_Y = np.diag([1.0, -1.0, 1.0])


def axis_angle_to_matrix(aa) -> np.ndarray:
    """Rodrigues, row-major, identical to src/face/rotation.ts axisAngleToMatrix."""
    aa = np.asarray(aa, dtype=np.float64)
    theta = float(np.linalg.norm(aa))
    if theta < 1e-12:
        return np.eye(3)
    k = aa / theta
    kx, ky, kz = k
    c, s, t = np.cos(theta), np.sin(theta), 1 - np.cos(theta)
    return np.array([
        [c + kx * kx * t, kx * ky * t - kz * s, kx * kz * t + ky * s],
        [ky * kx * t + kz * s, c + ky * ky * t, ky * kz * t - kx * s],
        [kz * kx * t - ky * s, kz * ky * t + kx * s, c + kz * kz * t],
    ])


def normalized_keypoints(points_mm, rotation_rad, translation_px, pixels_per_mm: float, crop_px: float) -> np.ndarray:
    """(P, 3) head-space mm -> (P, 3) normalized network coordinates (float32)."""
    pts = np.asarray(points_mm, dtype=np.float64).reshape(-1, 3)
    r = axis_angle_to_matrix(rotation_rad)
    rx = pts @ r.T
    u = translation_px[0] + pixels_per_mm * rx[:, 0]
    v = translation_px[1] - pixels_per_mm * rx[:, 1]
    depth = pixels_per_mm * rx[:, 2]
    return np.stack([2 * u / crop_px - 1, 2 * v / crop_px - 1, 2 * depth / crop_px], axis=1).astype(np.float32)


def normalized_rotation(rotation_rad) -> np.ndarray:
    """The head rotation in the normalized (y-down) frame: F R F."""
    return (FLIP_Y @ axis_angle_to_matrix(rotation_rad) @ FLIP_Y).astype(np.float32)


def expression_feature(expression, jaw_rad, expression_dims: int, received_dims: int | None = None) -> np.ndarray:
    """[jaw (3), expression prefix of `received_dims` zero-padded to `expression_dims`] (float32)."""
    e = np.zeros(expression_dims, dtype=np.float32)
    src = np.asarray(expression, dtype=np.float32)
    n = min(expression_dims, len(src), received_dims if received_dims is not None else len(src))
    e[:n] = src[:n]
    return np.concatenate([np.asarray(jaw_rad, dtype=np.float32).reshape(3), e])
