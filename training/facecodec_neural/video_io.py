"""Video frames from ffmpeg (rgb24 over a pipe) and the square face crops the codec works on."""
from __future__ import annotations

import json
import subprocess
from typing import Iterator, Tuple

import numpy as np
import torch
import torch.nn.functional as F


def probe_size(path: str) -> Tuple[int, int]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "json", path],
        check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    return int(s["width"]), int(s["height"])


def read_video_frames(path: str, max_frames: int | None = None) -> Iterator[np.ndarray]:
    """Yields (H, W, 3) uint8 frames decoded by ffmpeg, in order."""
    w, h = probe_size(path)
    cmd = ["ffmpeg", "-v", "error", "-i", path]
    if max_frames is not None:
        cmd += ["-frames:v", str(max_frames)]
    cmd += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    frame_bytes = w * h * 3
    try:
        assert proc.stdout is not None
        while True:
            buf = proc.stdout.read(frame_bytes)
            if len(buf) < frame_bytes:
                break
            yield np.frombuffer(buf, dtype=np.uint8).reshape(h, w, 3)
    finally:
        if proc.stdout:
            proc.stdout.close()
        proc.wait()
        if proc.returncode not in (0, None) and proc.returncode != -13:
            raise RuntimeError(f"ffmpeg failed on {path} (exit {proc.returncode})")


def crop_resize(frame: np.ndarray, x: float, y: float, size: float, out_px: int) -> np.ndarray:
    """The square (x, y, size) of `frame` (video pixels; may leave the frame: edges are repeated) at out_px x out_px."""
    h, w, _ = frame.shape
    t = torch.from_numpy(np.ascontiguousarray(frame)).permute(2, 0, 1).float().unsqueeze(0)
    # Sample pixel centres of the output through an affine grid: exact sub-pixel crops with edge clamping.
    xs = x + (torch.arange(out_px, dtype=torch.float32) + 0.5) * (size / out_px)
    ys = y + (torch.arange(out_px, dtype=torch.float32) + 0.5) * (size / out_px)
    gx = xs / w * 2 - 1
    gy = ys / h * 2 - 1
    grid = torch.stack(torch.meshgrid(gy, gx, indexing="ij")[::-1], dim=-1).unsqueeze(0)
    if size / out_px > 1.5:
        # Downscale a lot: blur first so bilinear taps do not alias.
        k = int(round(size / out_px))
        t = F.avg_pool2d(t, k, 1, k // 2, count_include_pad=False)[..., :h, :w]
    y_ = F.grid_sample(t, grid, mode="bilinear", padding_mode="border", align_corners=False)
    return y_[0].permute(1, 2, 0).round().clamp(0, 255).to(torch.uint8).numpy()
