"""ONNX export of the refiner (dynamic height and width, opset 17) with its refiner.json sidecar."""
from __future__ import annotations

import json
import os
import warnings

import torch

from .model import IN_CHANNELS, Refiner

FORMAT = "facecodec-refiner-v1"


def export_refiner(model: Refiner, out_dir: str, extra: dict | None = None) -> dict:
    os.makedirs(out_dir, exist_ok=True)
    model.eval()
    path = os.path.join(out_dir, "refiner.onnx")
    x = torch.rand(1, IN_CHANNELS, 64, 64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (x,), path, input_names=["input"], output_names=["refined"], opset_version=17,
                          dynamic_axes={"input": {2: "height", 3: "width"}, "refined": {2: "height", 3: "width"}})
    config = {"format": FORMAT, "model": "refiner.onnx", "inputChannels": IN_CHANNELS, "sizeMultiple": 8,
              "config": model.cfg.to_json(), "parameters": sum(p.numel() for p in model.parameters()), **(extra or {})}
    with open(os.path.join(out_dir, "refiner.json"), "w") as f:
        json.dump(config, f, indent=1)
    return config
