"""Export a trained run (checkpoint.pt) to models/neural/: keyframe.onnx, frame.onnx, neural-config.json.
Usage: python3 training/export_onnx.py --run runs/paper --out models/neural [--fp16-weights]"""
from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from facecodec_neural.config import ModelConfig  # noqa: E402
from facecodec_neural.export import export_model  # noqa: E402
from facecodec_neural.model import FaceReenactor  # noqa: E402
from facecodec_neural.trainer import CHECKPOINT  # noqa: E402

MAX_BYTES = 25 * 1024 * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", required=True, help="training run folder holding checkpoint.pt")
    ap.add_argument("--out", default="models/neural")
    ap.add_argument("--fp16-weights", action="store_true", help="store weights as float16 (half the size)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    ck = torch.load(os.path.join(args.run, CHECKPOINT), map_location="cpu")
    cfg = ModelConfig.from_json(ck["config"])
    model = FaceReenactor(cfg)
    model.load_state_dict(ck["model"])
    sidecar = export_model(model, args.out, fp16_weights=args.fp16_weights)
    sizes = {n: os.path.getsize(os.path.join(args.out, n)) for n in ("keyframe.onnx", "frame.onnx")}
    print(json.dumps({"step": ck["step"], "sizes": sizes, "audit": sidecar["audit"]}))
    too_big = [n for n, b in sizes.items() if b > MAX_BYTES]
    if too_big:
        sys.exit(f"over 25 MB: {too_big}; try --fp16-weights or smaller widths")


if __name__ == "__main__":
    main()
