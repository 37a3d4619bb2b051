"""Exports a refiner checkpoint to ONNX with its refiner.json (e.g. a run's latest checkpoint while it trains).
Usage: /usr/bin/python3 training/export_refiner.py --checkpoint RUN/checkpoint.pt --out DIR"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from facecodec_refiner.export import export_refiner  # noqa: E402
from facecodec_refiner.model import Refiner, RefinerConfig  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    state = torch.load(a.checkpoint, map_location="cpu")
    c = state["config"]
    model = Refiner(RefinerConfig(widths=tuple(c["widths"]), mid_blocks=c["mid_blocks"], max_residual=c["max_residual"]))
    model.load_state_dict(state["model"])
    export_refiner(model, a.out, {"training": {"step": state["step"], "elapsed_s": round(state.get("elapsed_s", 0.0), 1)}})


if __name__ == "__main__":
    main()
