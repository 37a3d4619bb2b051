"""Export a trained run (checkpoint.pt) to models/neural/: keyframe.onnx, frame.onnx, neural-config.json (and
keypoints.onnx for the unsupervised mode).
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
from facecodec_neural.trainer import CHECKPOINT, load_checkpoint  # noqa: E402

MAX_BYTES = 25 * 1024 * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", help="training run folder holding checkpoint.pt")
    ap.add_argument("--checkpoint", help="a checkpoint file instead: checkpoint.pt or a compact one (device_run.py)")
    ap.add_argument("--out", default="models/neural")
    ap.add_argument("--fp16-weights", action="store_true", help="store weights as float16 (half the size)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    if not args.run and not args.checkpoint:
        ap.error("give --run or --checkpoint")
    ck = load_checkpoint(args.checkpoint or os.path.join(args.run, CHECKPOINT), "cpu")
    cfg = ModelConfig.from_json(ck["config"])
    model = FaceReenactor(cfg)
    # Compact checkpoints store float16 weights: back to float32 before export.
    model.load_state_dict({k: (v.float() if v.is_floating_point() else v) for k, v in ck["model"].items()})
    sidecar = export_model(model, args.out, fp16_weights=args.fp16_weights)
    graphs = ["keyframe.onnx", "frame.onnx"] + ([sidecar["keypointModel"]] if "keypointModel" in sidecar else [])
    sizes = {n: os.path.getsize(os.path.join(args.out, n)) for n in graphs}
    print(json.dumps({"step": ck["step"], "sizes": sizes, "audit": sidecar["audit"],
                      "keypointCheck": sidecar.get("keypointCheck")}))
    too_big = [n for n, b in sizes.items() if b > MAX_BYTES]
    if too_big:
        sys.exit(f"over 25 MB: {too_big}; try --fp16-weights or smaller widths")


if __name__ == "__main__":
    main()
