"""CI smoke run of the refiner: the tiny config trains 3 steps, resumes from its checkpoint for 3 more, on synthetic
samples written in scripts/refiner-data.ts's format (so the data reader is exercised too); exports refiner.onnx and
saves fixed inputs with PyTorch's outputs (float32 .bin) for test/decoder/refiner.test.ts.
Usage: /usr/bin/python3 training/ci_tiny_refiner.py --out DIR"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from facecodec_refiner.data import PLANES, RefinerSamples  # noqa: E402
from facecodec_refiner.export import export_refiner  # noqa: E402
from facecodec_refiner.model import IN_CHANNELS, tiny_refiner_config  # noqa: E402
from facecodec_refiner.train import RefinerTrainOptions, train  # noqa: E402

SIZE = 64


def synthetic_sample(rng: np.random.Generator) -> np.ndarray:
    """A textured image, a face ellipse with feathered edge, mouth and eye blobs, a shifted keyframe; the target is
    brighter in the face."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    cy, cx = SIZE / 2 + rng.normal(0, 3), SIZE / 2 + rng.normal(0, 3)
    r = np.sqrt(((yy - cy) / 22) ** 2 + ((xx - cx) / 17) ** 2)
    face = np.clip((1.15 - r) / 0.3, 0, 1)
    mouth = (np.sqrt(((yy - cy - 10) / 3) ** 2 + ((xx - cx) / 7) ** 2) < 1).astype(np.float32)
    eyes = ((np.sqrt(((yy - cy + 6) / 2) ** 2 + ((np.abs(xx - cx) - 7) / 4) ** 2)) < 1).astype(np.float32)
    rgb = np.stack([np.sin(xx / (3 + c) + rng.uniform(0, 6)) * 0.3 + 0.5 for c in range(3)])
    keyframe = np.roll(rgb, 2, axis=2)
    target = np.clip(rgb + 0.15 * face - 0.3 * mouth, 0, 1)
    planes = np.concatenate([rgb, face[None], mouth[None], eyes[None], keyframe, target])
    return np.round(planes * 255).astype(np.uint8)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    data_dir = os.path.join(a.out, "data")
    os.makedirs(data_dir, exist_ok=True)
    samples = np.stack([synthetic_sample(rng) for _ in range(12)])
    assert samples.shape[1] == PLANES
    samples.tofile(os.path.join(data_dir, "synthetic.u8"))
    with open(os.path.join(data_dir, "index.json"), "w") as f:
        json.dump([{"clip": "synthetic", "person": "synthetic", "file": "synthetic.u8", "samples": len(samples), "size": SIZE, "planes": PLANES}], f)
    data = RefinerSamples([data_dir])
    cfg = tiny_refiner_config()
    run = os.path.join(a.out, "run")
    first = RefinerTrainOptions(out_dir=run, total_steps=3, batch_size=4, crop=32, lr=1e-2, log_every=1)
    train(cfg, data, first)
    resumed_from = int(torch.load(os.path.join(run, "checkpoint.pt"))["step"])
    model = train(cfg, data, RefinerTrainOptions(out_dir=run, total_steps=6, batch_size=4, crop=32, lr=1e-2, log_every=1))
    final = int(torch.load(os.path.join(run, "checkpoint.pt"))["step"])
    export_refiner(model, a.out)
    # Fixed inputs: two synthetic samples at full size, and one 48 x 80 crop (not square) of the first.
    x = torch.from_numpy(samples[:2, :IN_CHANNELS].astype(np.float32) / 255.0)
    crop = x[:1, :, 8:56, :].contiguous()
    crop = torch.cat([crop, crop[..., :16]], dim=-1)  # 48 x 80
    model.eval()
    refs = []
    with torch.no_grad():
        for name, t in [("full0", x[:1]), ("full1", x[1:2]), ("crop", crop)]:
            y = model(t)
            t.numpy().astype(np.float32).tofile(os.path.join(a.out, f"{name}.input.bin"))
            y.numpy().astype(np.float32).tofile(os.path.join(a.out, f"{name}.output.bin"))
            refs.append({"name": name, "height": int(t.shape[2]), "width": int(t.shape[3]),
                         "maxChange": float((y - t[:, :3]).abs().max())})
    losses = [json.loads(l)["loss"] for l in open(os.path.join(run, "train-log.jsonl"))]
    with open(os.path.join(a.out, "reference.json"), "w") as f:
        json.dump({"resumedFromStep": resumed_from, "finalStep": final, "losses": losses, "cases": refs}, f, indent=1)


if __name__ == "__main__":
    main()
