"""Samples written by scripts/refiner-data.ts: per clip a .u8 file of (9, S, S) byte planes
(warped R G B, face, mouth, eyes masks | target R G B) and an index.json listing clips, persons and counts."""
from __future__ import annotations

import json
import os
from typing import List, Optional

import numpy as np
import torch

from .model import FACE_MASK_CHANNEL, IN_CHANNELS

PLANES = IN_CHANNELS + 3


class RefinerSamples:
    """All samples of one or more data folders, memory-mapped; `batch` draws random crops centred near the face."""

    def __init__(self, folders: List[str], exclude_persons: Optional[set] = None):
        self.clips = []
        for folder in folders:
            with open(os.path.join(folder, "index.json")) as f:
                index = json.load(f)
            for e in index:
                if exclude_persons and e["person"] in exclude_persons:
                    raise ValueError(f"{e['clip']} is of evaluation identity {e['person']}")
                if e["samples"] == 0:
                    continue
                s = e["size"]
                arr = np.memmap(os.path.join(folder, e["file"]), dtype=np.uint8, mode="r", shape=(e["samples"], PLANES, s, s))
                self.clips.append((e["clip"], e["person"], arr))
        if not self.clips:
            raise ValueError(f"no samples in {folders}")
        self.size = self.clips[0][2].shape[-1]
        self.count = sum(len(a) for _, _, a in self.clips)
        self.persons = sorted({p for _, p, _ in self.clips})
        self._centres = {}

    def _centre(self, c: int, i: int):
        """Centroid of the sample's face mask (cached)."""
        key = (c, i)
        if key not in self._centres:
            m = np.asarray(self.clips[c][2][i, FACE_MASK_CHANNEL], dtype=np.float32)
            tot = m.sum()
            if tot <= 0:
                self._centres[key] = (self.size / 2, self.size / 2)
            else:
                ys, xs = np.indices(m.shape)
                self._centres[key] = (float((ys * m).sum() / tot), float((xs * m).sum() / tot))
        return self._centres[key]

    def batch(self, n: int, crop: int, rng: np.random.Generator, flip: bool = True):
        """(inputs (n, 6, crop, crop), targets (n, 3, crop, crop)) as float 0..1; clips drawn evenly by person."""
        xs, ys = [], []
        for _ in range(n):
            person = self.persons[rng.integers(len(self.persons))]
            choices = [k for k, (_, p, _) in enumerate(self.clips) if p == person]
            c = choices[rng.integers(len(choices))]
            arr = self.clips[c][2]
            i = int(rng.integers(len(arr)))
            cy, cx = self._centre(c, i)
            half = crop // 2
            jitter = self.size // 8
            y0 = int(np.clip(round(cy) - half + rng.integers(-jitter, jitter + 1), 0, self.size - crop))
            x0 = int(np.clip(round(cx) - half + rng.integers(-jitter, jitter + 1), 0, self.size - crop))
            s = np.asarray(arr[i, :, y0:y0 + crop, x0:x0 + crop])
            if flip and rng.random() < 0.5:
                s = s[:, :, ::-1]
            xs.append(s[:IN_CHANNELS])
            ys.append(s[IN_CHANNELS:])
        to = lambda a: torch.from_numpy(np.ascontiguousarray(np.stack(a))).float() / 255.0
        return to(xs), to(ys)

    def all_full(self, limit_per_clip: int = 1 << 30, step: int = 1):
        """Every `step`-th full-size sample (up to `limit_per_clip` per clip), for evaluation: yields (clip, x, y)."""
        for name, _, arr in self.clips:
            for i in range(0, min(len(arr), limit_per_clip * step), step):
                s = torch.from_numpy(np.asarray(arr[i])).float()[None] / 255.0
                yield name, s[:, :IN_CHANNELS], s[:, IN_CHANNELS:]
