"""Face crops stored as one JPEG per frame in a single .npz (bytes + offsets): ~9 KB a 256 px frame instead of 196 KB,
so a prepared data set fits what travels to a GPU machine, and it decodes there without ffmpeg (OpenCV, Pillow or
torchvision, whichever is installed; ffmpeg only as the last resort, e.g. on a machine with none of those)."""
from __future__ import annotations

import subprocess
from typing import List, Tuple

import numpy as np

JPEG_FILE = "frames.jpg.npz"


def encode_jpegs(frames: np.ndarray, quality: int = 3) -> Tuple[np.ndarray, np.ndarray]:
    """(N, S, S, 3) uint8 RGB -> (concatenated JPEG bytes as uint8, offsets (N + 1) int64), via one ffmpeg process.

    `quality` is ffmpeg's mjpeg -q:v (2 best .. 31 worst); 3 is visually close to lossless at 256 px.
    """
    n, h, w, _ = frames.shape
    cmd = ["ffmpeg", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-i", "-",
           "-c:v", "mjpeg", "-q:v", str(quality), "-f", "image2pipe", "-"]
    out = subprocess.run(cmd, input=np.ascontiguousarray(frames).tobytes(), capture_output=True, check=True).stdout
    starts = split_jpeg_stream(out)
    if len(starts) != n:
        raise RuntimeError(f"ffmpeg wrote {len(starts)} JPEG images for {n} frames")
    offsets = np.asarray(starts + [len(out)], dtype=np.int64)
    return np.frombuffer(out, dtype=np.uint8).copy(), offsets


def split_jpeg_stream(data: bytes) -> List[int]:
    """Start offsets of the JPEG images in a concatenated stream, found by walking the marker segments (a byte
    search for FFD8 could match inside a table): segments carry their length, entropy-coded data only contains FF
    followed by 00 or a restart marker, so the first other FF xx after the scan is the image's end (EOI)."""
    starts: List[int] = []
    i, n = 0, len(data)
    while i < n:
        if data[i] != 0xFF or data[i + 1] != 0xD8:
            raise ValueError(f"no JPEG start of image at byte {i}")
        starts.append(i)
        i += 2
        while True:
            if data[i] != 0xFF:
                raise ValueError(f"bad JPEG marker at byte {i}")
            marker = data[i + 1]
            if marker == 0xFF:  # fill byte
                i += 1
                continue
            if marker == 0xD9:
                i += 2
                break
            seg_len = (data[i + 2] << 8) | data[i + 3]
            i += 2 + seg_len
            if marker == 0xDA:  # start of scan: skip entropy-coded data up to the next real marker
                while True:
                    j = data.index(b"\xff", i)
                    nxt = data[j + 1]
                    if nxt == 0x00 or 0xD0 <= nxt <= 0xD7:
                        i = j + 2
                        continue
                    i = j
                    break
    return starts


def decode_jpegs(blob: np.ndarray, offsets: np.ndarray, size: int) -> np.ndarray:
    """(N, size, size, 3) uint8 RGB from encode_jpegs' output, with the first decoder that is installed."""
    n = len(offsets) - 1
    out = np.empty((n, size, size, 3), dtype=np.uint8)
    decode_one = _pick_decoder()
    if decode_one is None:
        return _decode_with_ffmpeg(blob, size, n)
    for i in range(n):
        img = decode_one(blob[offsets[i]:offsets[i + 1]])
        if img.shape != (size, size, 3):
            raise ValueError(f"frame {i} decoded to {img.shape}, expected {(size, size, 3)}")
        out[i] = img
    return out


def _pick_decoder():
    try:
        import cv2  # type: ignore

        def cv2_decode(buf: np.ndarray) -> np.ndarray:
            img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
            return img[:, :, ::-1]
        return cv2_decode
    except ImportError:
        pass
    try:
        import io

        from PIL import Image  # type: ignore

        def pil_decode(buf: np.ndarray) -> np.ndarray:
            return np.asarray(Image.open(io.BytesIO(buf.tobytes())).convert("RGB"))
        return pil_decode
    except ImportError:
        pass
    try:
        import torch
        from torchvision.io import decode_jpeg  # type: ignore

        def tv_decode(buf: np.ndarray) -> np.ndarray:
            return decode_jpeg(torch.from_numpy(np.ascontiguousarray(buf))).permute(1, 2, 0).numpy()
        return tv_decode
    except ImportError:
        pass
    return None


def _decode_with_ffmpeg(blob: np.ndarray, size: int, n: int) -> np.ndarray:
    cmd = ["ffmpeg", "-v", "error", "-f", "mjpeg", "-i", "-", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(cmd, input=blob.tobytes(), capture_output=True, check=True).stdout
    if len(raw) != n * size * size * 3:
        raise RuntimeError(f"ffmpeg decoded {len(raw)} bytes, expected {n} frames of {size} px")
    return np.frombuffer(raw, dtype=np.uint8).reshape(n, size, size, 3).copy()
