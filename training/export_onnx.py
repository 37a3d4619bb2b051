"""Export a trained run (checkpoint.pt) to models/neural/: keyframe.onnx, frame.onnx, neural-config.json (and
keypoints.onnx for the unsupervised mode).
Usage: python3 training/export_onnx.py --run runs/paper --out models/neural [--fp16-weights]
       python3 training/export_onnx.py --untrained full --out /tmp/full   (initial weights: for timing only)"""
from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from facecodec_neural.config import ModelConfig, load_config  # noqa: E402
from facecodec_neural.export import export_model  # noqa: E402
from facecodec_neural.model import FaceReenactor  # noqa: E402
from facecodec_neural.trainer import CHECKPOINT, load_checkpoint  # noqa: E402

MAX_BYTES = 25 * 1024 * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", help="training run folder holding checkpoint.pt")
    ap.add_argument("--checkpoint", help="a checkpoint file instead: checkpoint.pt or a compact one (device_run.py)")
    ap.add_argument("--untrained", metavar="CONFIG",
                    help="export a freshly initialized model of this config ('full', 'tiny' or a JSON): graph timing "
                         "does not depend on the weights, so a GPU session can time the full size before training")
    ap.add_argument("--out", default="models/neural")
    ap.add_argument("--fp16-weights", action="store_true", help="store weights as float16 (half the size)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    if sum(bool(x) for x in (args.run, args.checkpoint, args.untrained)) != 1:
        ap.error("give one of --run, --checkpoint, --untrained")
    if args.untrained:
        torch.manual_seed(0)
        model, step = FaceReenactor(load_config(args.untrained)), 0
    else:
        ck = load_checkpoint(args.checkpoint or os.path.join(args.run, CHECKPOINT), "cpu")
        model, step = FaceReenactor(ModelConfig.from_json(ck["config"])), ck["step"]
        # Compact checkpoints store float16 weights: back to float32 before export.
        model.load_state_dict({k: (v.float() if v.is_floating_point() else v) for k, v in ck["model"].items()})
    sidecar = export_model(model, args.out, fp16_weights=args.fp16_weights)
    graphs = ["keyframe.onnx", "frame.onnx"] + ([sidecar["keypointModel"]] if "keypointModel" in sidecar else [])
    sizes = {n: os.path.getsize(os.path.join(args.out, n)) for n in graphs}
    print(json.dumps({"step": step, "sizes": sizes, "audit": sidecar["audit"],
                      "keypointCheck": sidecar.get("keypointCheck")}))
    too_big = [n for n, b in sizes.items() if b > MAX_BYTES]
    if too_big:
        sys.exit(f"over 25 MB: {too_big}; try --fp16-weights or smaller widths")


if __name__ == "__main__":
    main()
