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
from .jpeg_frames import JPEG_FILE, decode_jpegs, encode_jpegs
from .video_io import crop_resize, read_video_frames

FRAME_FORMATS = ("npy", "jpeg")


def prepare_clip(video: str, track_json: str, out_dir: str, image_px: int, crop_px: int = 256,
                 max_frames: Optional[int] = None, frame_format: str = "npy", jpeg_quality: int = 3,
                 every: int = 1) -> int:
    """Writes the tracked frames of one clip to out_dir: frames.npy (N, S, S, 3 uint8; `frame_format` 'npy') or
    frames.jpg.npz (one JPEG per frame; 'jpeg', ~20x smaller, for data that must travel), plus meta.npz.

    `crop_px` is the side of the crop the tracker's pose is expressed in (the encoder's cropSizePx, default 256);
    each frame is cut at its track's `crop` rectangle (video pixels) and resized to `image_px`. `every` keeps one
    frame in that many. Returns the number of frames kept (frames whose status is 'ok').
    """
    if frame_format not in FRAME_FORMATS:
        raise ValueError(f"frame_format must be one of {FRAME_FORMATS}, got {frame_format!r}")
    with open(track_json) as f:
        track = json.load(f)
    by_index = {fr["index"]: fr for fr in track["frames"] if fr.get("status", "ok") == "ok"}
    os.makedirs(out_dir, exist_ok=True)
    frames, kp, rot, expr, jaw, index = [], [], [], [], [], []
    for i, frame in enumerate(read_video_frames(video, max_frames)):
        fr = by_index.get(i)
        if fr is None or i % every != 0:
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
    if frame_format == "npy":
        np.save(os.path.join(out_dir, "frames.npy"), np.stack(frames))
    else:
        blob, offsets = encode_jpegs(np.stack(frames), jpeg_quality)
        np.savez(os.path.join(out_dir, JPEG_FILE), jpeg=blob, offsets=offsets, size=np.asarray(image_px))
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


def is_prepared_dir(d: str) -> bool:
    """True for a folder prepare_clip wrote (either frame format)."""
    return os.path.exists(os.path.join(d, "meta.npz")) and (
        os.path.exists(os.path.join(d, "frames.npy")) or os.path.exists(os.path.join(d, JPEG_FILE)))


def prepared_dirs_under(root: str) -> List[str]:
    """The prepared clip folders directly under `root`, sorted."""
    return sorted(os.path.join(root, d) for d in os.listdir(root) if is_prepared_dir(os.path.join(root, d)))


def load_frames(d: str) -> np.ndarray:
    """A prepared clip's frames: frames.npy memory-mapped, or frames.jpg.npz decoded into memory."""
    npy = os.path.join(d, "frames.npy")
    if os.path.exists(npy):
        return np.load(npy, mmap_mode="r")
    with np.load(os.path.join(d, JPEG_FILE)) as z:
        return decode_jpegs(z["jpeg"], z["offsets"], int(z["size"]))


def resize_frames(frames: np.ndarray, size: int) -> np.ndarray:
    """(N, S, S, 3) uint8 -> (N, size, size, 3) by area averaging (e.g. 256 px data for the 64 px tiny model)."""
    out = np.empty((len(frames), size, size, 3), dtype=np.uint8)
    for i in range(0, len(frames), 64):
        t = torch.from_numpy(np.ascontiguousarray(frames[i:i + 64])).permute(0, 3, 1, 2).float()
        r = torch.nn.functional.interpolate(t, size=(size, size), mode="area")
        out[i:i + 64] = r.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy()
    return out


class PreparedPairs(Dataset):
    """Random (source, driving) frame pairs of prepared clips, as the tensors FaceReenactor.forward takes."""

    def __init__(self, prepared_dirs: List[str], cfg: ModelConfig, pairs_per_epoch: int = 10000, seed: int = 0):
        self.cfg = cfg
        self.clips = []
        self.names = []
        for d in prepared_dirs:
            frames = load_frames(d)
            if frames.shape[1] != cfg.image_size:
                if isinstance(frames, np.memmap):
                    raise ValueError(f"{d} was prepared at {frames.shape[1]} px, the config wants {cfg.image_size}")
                frames = resize_frames(frames, cfg.image_size)
            meta = dict(np.load(os.path.join(d, "meta.npz")))
            if len(frames) >= 2:
                self.clips.append((frames, meta))
                self.names.append(os.path.basename(d))
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


class ResidentPairs:
    """The same pairs as PreparedPairs, drawn as whole batches from tensors kept on the training device (uint8 frames:
    ~200 KB a 256 px frame, so thousands fit in GPU memory): no DataLoader workers, no host-to-device copy per step.
    Trainer uses `sample_batch` instead of a DataLoader when the data set has it."""

    def __init__(self, pairs: PreparedPairs, device: torch.device, seed: int = 0):
        cfg = pairs.cfg
        ids = torch.as_tensor(cfg.landmark_ids)
        frames, kp, rot, feat, clip_of, start, count = [], [], [], [], [], [], []
        total = 0
        for c, (fr, meta) in enumerate(pairs.clips):
            n = len(fr)
            frames.append(torch.from_numpy(np.ascontiguousarray(fr)))
            kp.append(torch.from_numpy(meta["kp68"])[:, ids])
            rot.append(torch.from_numpy(meta["rot"]))
            e = np.zeros((n, cfg.expression_dims), dtype=np.float32)
            src = meta["expression"][:, : cfg.expression_dims]
            e[:, : src.shape[1]] = src
            feat.append(torch.from_numpy(np.concatenate([meta["jaw"], e], axis=1)))
            start.append(total)
            count.append(n)
            total += n
        self.device = device
        self.frames = torch.cat(frames).to(device)  # (T, S, S, 3) uint8
        self.kp = torch.cat(kp).float().to(device)
        self.rot = torch.cat(rot).float().to(device)
        self.feature = torch.cat(feat).float().to(device)
        self.start = torch.as_tensor(start, device=device)
        self.count = torch.as_tensor(count, device=device)
        self.gen = torch.Generator(device=device).manual_seed(seed)

    def __len__(self) -> int:
        return int(self.frames.shape[0])

    def sample_batch(self, batch_size: int) -> Dict[str, torch.Tensor]:
        """A batch of pairs: a clip uniformly (as PreparedPairs), then two distinct frames of it."""
        dev = self.device
        clip = torch.randint(0, len(self.count), (batch_size,), generator=self.gen, device=dev)
        n = self.count[clip]
        a = (torch.rand(batch_size, generator=self.gen, device=dev) * n).long().clamp(max=n - 1)
        # b != a: draw from the n - 1 other frames.
        b = (torch.rand(batch_size, generator=self.gen, device=dev) * (n - 1)).long().clamp(max=n - 2)
        b = b + (b >= a).long()
        ia, ib = self.start[clip] + a, self.start[clip] + b

        def image(i: torch.Tensor) -> torch.Tensor:
            return self.frames[i].permute(0, 3, 1, 2).float() / 255
        return {
            "source": image(ia), "driving": image(ib), "kp_source": self.kp[ia], "kp_driving": self.kp[ib],
            "rot_source": self.rot[ia], "rot_driving": self.rot[ib], "expression": self.feature[ib],
        }

    def get_state(self) -> torch.Tensor:
        return self.gen.get_state()

    def set_state(self, state: torch.Tensor) -> None:
        self.gen.set_state(state.cpu() if state.device.type != "cpu" else state)


def truncate_expression(expression: torch.Tensor, cfg: ModelConfig, generator: Optional[torch.Generator] = None) -> torch.Tensor:
    """The paper's expression dropout: per sample, keep a random prefix of the E expression dims (0..E) and zero the
    rest, so at inference any received prefix (zero-padded) is in distribution. The jaw (first 3 values) is kept."""
    n = expression.shape[0]
    keep = torch.randint(0, cfg.expression_dims + 1, (n, 1), generator=generator)
    dims = torch.arange(cfg.expression_dims).reshape(1, -1)
    mask = torch.cat([torch.ones(n, cfg.jaw_dims), (dims < keep).float()], dim=1).to(expression.device)
    return expression * mask
