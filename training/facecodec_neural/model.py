"""The whole talking-head model and the graphs that are exported: keyframe (image -> volume), frame, and in the
unsupervised ablation the keypoint detector (image -> learned keypoints)."""
from __future__ import annotations

from typing import Dict, Optional

import torch
import torch.nn as nn

from .appearance import AppearanceFeatureExtractor
from .config import ModelConfig
from .generator import ExpressionAwareGenerator
from .keypoint_detector import KeypointDetector
from .motion import MotionFieldEstimator
from .volume_ops import sample_volume


class FaceReenactor(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.appearance = AppearanceFeatureExtractor(cfg)
        self.motion = MotionFieldEstimator(cfg)
        self.generator = ExpressionAwareGenerator(cfg)
        self.detector = KeypointDetector(cfg) if cfg.keypoint_mode == "unsupervised" else None

    def render_frame(self, volume: torch.Tensor, kp_source: torch.Tensor, kp_driving: torch.Tensor,
                     rot_source: torch.Tensor, rot_driving: torch.Tensor, expression: Optional[torch.Tensor]) -> Dict[str, torch.Tensor]:
        """Everything after the keyframe: rotations are (N, 3, 3) in the normalized frame; expression is (N, 3 + E)."""
        if self.cfg.use_pose_rotation:
            # float32 even under bfloat16 autocast: the flows are sampling coordinates.
            with torch.autocast(device_type=volume.device.type, enabled=False):
                rotation = torch.matmul(rot_source.float(), rot_driving.float().transpose(1, 2))
        else:
            rotation = torch.eye(3, device=volume.device).expand(volume.shape[0], 3, 3)
        deformation, occlusion, mask = self.motion(volume, kp_source, kp_driving, rotation)
        warped = sample_volume(volume, deformation)
        image = self.generator(warped, occlusion, expression if self.cfg.uses_expression else None)
        return {"image": image, "occlusion": occlusion, "mask": mask}

    def forward(self, batch: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        volume = self.appearance(batch["source"])
        if self.detector is not None:
            kp_s, kp_d = self.detector(batch["source"]), self.detector(batch["driving"])
        else:
            kp_s, kp_d = batch["kp_source"], batch["kp_driving"]
        out = self.render_frame(volume, kp_s, kp_d, batch["rot_source"], batch["rot_driving"], batch.get("expression"))
        out["kp_source"], out["kp_driving"] = kp_s, kp_d
        return out


class KeyframeGraph(nn.Module):
    """Exported as keyframe.onnx: image (1, 3, S, S) float in [0, 1] -> volume (1, C, D, S/4, S/4)."""

    def __init__(self, model: FaceReenactor):
        super().__init__()
        self.model = model

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.model.appearance(image)


class FrameGraph(nn.Module):
    """Exported as frame.onnx: (volume, kp_source, kp_driving, rot_source, rot_driving[, expression]) -> image."""

    def __init__(self, model: FaceReenactor):
        super().__init__()
        self.model = model

    def forward(self, volume, kp_source, kp_driving, rot_source, rot_driving, expression=None):
        return self.model.render_frame(volume, kp_source, kp_driving, rot_source, rot_driving, expression)["image"]


class KeypointGraph(nn.Module):
    """Exported as keypoints.onnx (unsupervised mode): image (1, 3, S, S) in [0, 1] -> (1, K, 3) normalized keypoints,
    what a sender of that ablation transmits and the frame graph takes as kp_source / kp_driving."""

    def __init__(self, model: FaceReenactor):
        super().__init__()
        if model.detector is None:
            raise ValueError("only the unsupervised mode has a keypoint detector")
        self.model = model

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.model.detector(image)
