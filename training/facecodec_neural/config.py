"""One typed configuration for the model sizes, the keypoint mode (the ablation switch) and the input conventions."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import List, Optional

# iBUG-68 ids in the order the bitstream sends them (src/face/keypoint-selection.ts KEYPOINT_PRIORITY); the network's
# K keypoints are the first K, so they are always among what the sender transmits at the same K.
KEYPOINT_PRIORITY = [
    66, 62, 37, 41, 44, 46, 48, 54, 36, 45, 51, 57, 30, 19, 24, 8,
    38, 40, 43, 47, 39, 42, 60, 64, 61, 63, 65, 67, 49, 53, 55, 59, 50, 52, 56, 58,
    33, 27, 31, 35, 28, 29, 32, 34, 17, 21, 22, 26, 18, 20, 23, 25,
    0, 16, 4, 12, 2, 14, 6, 10, 1, 3, 5, 7, 9, 11, 13, 15,
]

KEYPOINT_MODES = ("unsupervised", "flame", "flame_expr")


@dataclass
class ModelConfig:
    """Sizes of every network and the conventions the exported graphs share with src/decoder/neural."""

    image_size: int = 256
    # 'unsupervised': learned keypoints (face-vid2vid baseline); 'flame': FLAME keypoints, no expression input;
    # 'flame_expr': FLAME keypoints plus the expression-aware generator (the paper's model).
    keypoint_mode: str = "flame_expr"
    num_keypoints: int = 16
    landmark_ids: List[int] = field(default_factory=lambda: KEYPOINT_PRIORITY[:16])
    expression_dims: int = 50
    jaw_dims: int = 3
    # Rotate each keypoint's flow by the relative head rotation (face-vid2vid's R_s R_d^-1); off = pure translation.
    use_pose_rotation: bool = True
    # Appearance feature extractor.
    base_channels: int = 64
    max_channels: int = 512
    down_blocks: int = 2
    volume_channels: int = 32
    volume_depth: int = 16
    volume_res_blocks: int = 6
    # Motion field estimator.
    motion_compressed_channels: int = 4
    motion_base_channels: int = 32
    motion_max_channels: int = 256
    motion_levels: int = 3
    heatmap_variance: float = 0.01
    # Generator: eight SPADE blocks as in the paper, at 128 channels (256 would make frame.onnx ~57 MB even with
    # fp16 weights; 128 keeps it under the 25 MB budget).
    generator_channels: int = 128
    spade_blocks: int = 8
    spade_hidden: int = 64
    # Learned keypoint detector (unsupervised mode only).
    detector_channels: int = 32
    detector_depth: int = 16
    # Face model the FLAME keypoints come from (checked by the TS renderer); None = not checked.
    face_model_id: Optional[str] = None

    def __post_init__(self) -> None:
        if self.keypoint_mode not in KEYPOINT_MODES:
            raise ValueError(f"keypoint_mode must be one of {KEYPOINT_MODES}, got {self.keypoint_mode!r}")
        if len(self.landmark_ids) != self.num_keypoints:
            raise ValueError(f"landmark_ids has {len(self.landmark_ids)} ids, num_keypoints is {self.num_keypoints}")
        if self.image_size % (2 ** self.down_blocks) != 0:
            raise ValueError("image_size must be divisible by 2**down_blocks")
        vol = self.image_size // (2 ** self.down_blocks)
        if vol % (2 ** self.motion_levels) != 0:
            raise ValueError("volume side must be divisible by 2**motion_levels")

    @property
    def volume_size(self) -> int:
        """Side (H = W) of the appearance feature volume."""
        return self.image_size // (2 ** self.down_blocks)

    @property
    def uses_expression(self) -> bool:
        return self.keypoint_mode == "flame_expr"

    @property
    def expression_feature_dims(self) -> int:
        """Length of the generator's expression input: jaw first, then the expression prefix (truncation drops the tail)."""
        return self.jaw_dims + self.expression_dims

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @staticmethod
    def from_json(d: dict) -> "ModelConfig":
        known = {f.name for f in dataclasses.fields(ModelConfig)}
        return ModelConfig(**{k: v for k, v in d.items() if k in known})


def full_config(**overrides) -> ModelConfig:
    """The paper-sized model (256 px, 32x16x64x64 volume, eight SPADE blocks at 128 channels)."""
    return ModelConfig(**overrides)


def tiny_config(**overrides) -> ModelConfig:
    """Same code, tiny widths: 64 px images, a 8x4x16x16 volume; for CI on a 2-core CPU."""
    base = dict(
        image_size=64, num_keypoints=8, landmark_ids=KEYPOINT_PRIORITY[:8], expression_dims=10,
        base_channels=8, max_channels=16, down_blocks=2, volume_channels=4, volume_depth=4, volume_res_blocks=1,
        motion_compressed_channels=2, motion_base_channels=8, motion_max_channels=16, motion_levels=2,
        generator_channels=16, spade_blocks=2, spade_hidden=8, detector_channels=8, detector_depth=4,
    )
    base.update(overrides)
    return ModelConfig(**base)


def load_config(name_or_path: str, **overrides) -> ModelConfig:
    """'tiny', 'full', or a JSON file written by ModelConfig.to_json."""
    if name_or_path == "tiny":
        return tiny_config(**overrides)
    if name_or_path == "full":
        return full_config(**overrides)
    with open(name_or_path) as f:
        d = json.load(f)
    d.update(overrides)
    return ModelConfig.from_json(d)
