"""Training data: clips prepared from (video, `facecodec track` JSON) into frame arrays, an identity split that keeps
evaluation people out of training, and a dataset of (source, driving) pairs from the same clip."""
from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass
from typing import Dict, List, Optional

import numpy as np
import torch
from torch.utils.data import Dataset

from .config import ModelConfig
from .geometry import normalized_keypoints, normalized_rotation
from .video_io import crop_resize, read_video_frames


def prepare_clip(video: str, track_json: str, out_dir: str, image_px: int, crop_px: int = 256,
                 max_frames: Optional[int] = None) -> int:
    """Writes out_dir/frames.npy (N, S, S, 3 uint8) and out_dir/meta.npz for the tracked frames of one clip.

    `crop_px` is the side of the crop the tracker's pose is expressed in (the encoder's cropSizePx, default 256);
    each frame is cut at its track's `crop` rectangle (video pixels) and resized to `image_px`.
    Returns the number of frames kept (frames whose status is 'ok').
    """
    with open(track_json) as f:
        track = json.load(f)
    by_index = {fr["index"]: fr for fr in track["frames"] if fr.get("status", "ok") == "ok"}
    os.makedirs(out_dir, exist_ok=True)
    frames, kp, rot, expr, jaw, index = [], [], [], [], [], []
    for i, frame in enumerate(read_video_frames(video, max_frames)):
        fr = by_index.get(i)
        if fr is None:
            continue
        c = fr["crop"]
        frames.append(crop_resize(frame, c["x"], c["y"], c["size"], image_px))
        kp.append(normalized_keypoints(fr["keypoints68Mm"], fr["rotationRad"], fr["translationPx"], fr["scalePxPerMm"], crop_px))
        rot.append(normalized_rotation(fr["rotationRad"]))
        expr.append(np.asarray(fr["expression"], dtype=np.float32))
        jaw.append(np.asarray(fr["jawRad"], dtype=np.float32))
        index.append(i)
    if not frames:
        return 0
    np.save(os.path.join(out_dir, "frames.npy"), np.stack(frames))
    np.savez(os.path.join(out_dir, "meta.npz"), kp68=np.stack(kp), rot=np.stack(rot), expression=np.stack(expr),
             jaw=np.stack(jaw), index=np.asarray(index))
    return len(frames)


@dataclass
class ClipEntry:
    id: str
    identity: str
    video: str
    track: str


def make_split(clips: List[ClipEntry], eval_fraction: float = 0.05, eval_identities: Optional[List[str]] = None) -> Dict:
    """A split dict: every clip with its identity, and the identities held out for evaluation (by a stable hash when
    not given, so the split does not depend on listing order)."""
    ids = sorted({c.identity for c in clips})
    if eval_identities is None:
        def score(s: str) -> float:
            return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        eval_identities = [i for i in ids if score(i) < eval_fraction]
    return {"clips": [c.__dict__ for c in clips], "eval_identities": sorted(eval_identities)}


def clips_for(split: Dict, part: str) -> List[ClipEntry]:
    """'train' or 'eval' clips of a split; a training clip of an evaluation identity is impossible by construction."""
    held = set(split["eval_identities"])
    want_eval = part == "eval"
    return [ClipEntry(**c) for c in split["clips"] if (c["identity"] in held) == want_eval]


class PreparedPairs(Dataset):
    """Random (source, driving) frame pairs of prepared clips, as the tensors FaceReenactor.forward takes."""

    def __init__(self, prepared_dirs: List[str], cfg: ModelConfig, pairs_per_epoch: int = 10000, seed: int = 0):
        self.cfg = cfg
        self.clips = []
        for d in prepared_dirs:
            frames = np.load(os.path.join(d, "frames.npy"), mmap_mode="r")
            if frames.shape[1] != cfg.image_size:
                raise ValueError(f"{d} was prepared at {frames.shape[1]} px, the config wants {cfg.image_size}")
            meta = dict(np.load(os.path.join(d, "meta.npz")))
            if len(frames) >= 2:
                self.clips.append((frames, meta))
        if not self.clips:
            raise ValueError("no prepared clip with at least two frames")
        self.pairs = pairs_per_epoch
        self.seed = seed

    def __len__(self) -> int:
        return self.pairs

    def __getitem__(self, i: int) -> Dict[str, torch.Tensor]:
        rng = random.Random(self.seed * 1_000_003 + i)
        frames, meta = self.clips[rng.randrange(len(self.clips))]
        a, b = rng.sample(range(len(frames)), 2)
        ids = self.cfg.landmark_ids
        e = np.zeros(self.cfg.expression_dims, dtype=np.float32)
        src = meta["expression"][b][: self.cfg.expression_dims]
        e[: len(src)] = src
        return {
            "source": torch.from_numpy(np.asarray(frames[a])).permute(2, 0, 1).float() / 255,
            "driving": torch.from_numpy(np.asarray(frames[b])).permute(2, 0, 1).float() / 255,
            "kp_source": torch.from_numpy(meta["kp68"][a][ids]),
            "kp_driving": torch.from_numpy(meta["kp68"][b][ids]),
            "rot_source": torch.from_numpy(meta["rot"][a]),
            "rot_driving": torch.from_numpy(meta["rot"][b]),
            "expression": torch.from_numpy(np.concatenate([meta["jaw"][b], e])),
        }


def truncate_expression(expression: torch.Tensor, cfg: ModelConfig, generator: Optional[torch.Generator] = None) -> torch.Tensor:
    """The paper's expression dropout: per sample, keep a random prefix of the E expression dims (0..E) and zero the
    rest, so at inference any received prefix (zero-padded) is in distribution. The jaw (first 3 values) is kept."""
    n = expression.shape[0]
    keep = torch.randint(0, cfg.expression_dims + 1, (n, 1), generator=generator)
    dims = torch.arange(cfg.expression_dims).reshape(1, -1)
    mask = torch.cat([torch.ones(n, cfg.jaw_dims), (dims < keep).float()], dim=1).to(expression.device)
    return expression * mask
