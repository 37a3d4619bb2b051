"""Export of the inference graphs to ONNX (keyframe: image -> volume; frame: volume + keypoints -> image; in the
unsupervised mode also keypoints: image -> learned keypoints, checked against PyTorch), the sidecar config the TS renderer reads, an op audit against what ONNX Runtime's WebGPU provider runs, and fp16 storage."""
from __future__ import annotations

import inspect
import json
import os
from typing import Dict, List

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from .config import ModelConfig
from .model import FaceReenactor, FrameGraph, KeyframeGraph, KeypointGraph

OPSET = 17
# Ops whose WebGPU support is missing or limited for what they would be here; the audit flags them.
WEBGPU_RISKY = {"GridSample", "Conv3D", "ConvTranspose", "ScatterND", "ScatterElements", "NonZero", "Loop", "If",
                "Einsum", "Unique", "RandomNormal", "RandomUniform", "Bernoulli"}
SIDECAR = "neural-config.json"


def example_inputs(cfg: ModelConfig, seed: int = 0) -> Dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    s, k = cfg.image_size, cfg.num_keypoints
    d = {
        "kp_source": torch.rand(1, k, 3, generator=g) - 0.5,
        "kp_driving": torch.rand(1, k, 3, generator=g) - 0.5,
        "rot_source": torch.eye(3).unsqueeze(0),
        "rot_driving": torch.eye(3).unsqueeze(0),
    }
    if cfg.uses_expression:
        d["expression"] = torch.randn(1, cfg.expression_feature_dims, generator=g) * 0.5
    d["image"] = torch.rand(1, 3, s, s, generator=g)
    return d


def frame_input_names(cfg: ModelConfig) -> List[str]:
    names = ["volume", "kp_source", "kp_driving", "rot_source", "rot_driving"]
    return names + (["expression"] if cfg.uses_expression else [])


def op_audit(path: str) -> Dict:
    """Op types of a graph, which of them are flagged for WebGPU, and whether any Conv/Pool is 3D."""
    m = onnx.load(path)
    ops = sorted({n.op_type for n in m.graph.node})
    inits = {i.name: i for i in m.graph.initializer}
    conv3d = [n.name for n in m.graph.node if n.op_type == "Conv" and n.input[1] in inits and len(inits[n.input[1]].dims) == 5]
    flagged = sorted(set(ops) & WEBGPU_RISKY) + (["Conv3D"] if conv3d else [])
    return {"ops": ops, "webgpu_flagged": flagged, "nodes": len(m.graph.node)}


def to_fp16_storage(path: str, min_elements: int = 1024) -> None:
    """Stores large float32 weights as float16 with a Cast back to float32: half the file, float32 arithmetic."""
    m = onnx.load(path)
    new_inits, casts = [], []
    for init in m.graph.initializer:
        if init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= min_elements:
            arr = numpy_helper.to_array(init).astype(np.float16)
            half = numpy_helper.from_array(arr, init.name + "__fp16")
            new_inits.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT, name=init.name + "__cast"))
        else:
            new_inits.append(init)
    del m.graph.initializer[:]
    m.graph.initializer.extend(new_inits)
    nodes = list(m.graph.node)
    del m.graph.node[:]
    m.graph.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def _onnx_export(module: torch.nn.Module, args: tuple, path: str, input_names: List[str], output_names: List[str]) -> None:
    """The TorchScript-based exporter on every PyTorch version: 2.9 made the dynamo exporter the default, whose graphs
    (op set, constant folding) were never audited for the WebGPU provider; `dynamo=False` keeps the audited path."""
    kwargs = dict(opset_version=OPSET, input_names=input_names, output_names=output_names, do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    torch.onnx.export(module, args, path, **kwargs)


def check_against_torch(path: str, inputs: Dict[str, torch.Tensor], expected: torch.Tensor) -> Dict:
    """Max |ONNX Runtime - PyTorch| of a graph's first output, or why it could not be run (no Python onnxruntime:
    then the TS test, test/decoder/learned-keypoints.test.ts, is where the graph meets PyTorch's numbers)."""
    try:
        import onnxruntime as ort
    except ImportError:
        return {"skipped": "no onnxruntime in this Python"}
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    got = sess.run(None, {k: v.numpy() for k, v in inputs.items()})[0]
    return {"maxAbsDiff": float(np.abs(got - expected.numpy()).max()), "onnxruntime": ort.__version__}


def export_model(model: FaceReenactor, out_dir: str, fp16_weights: bool = False) -> Dict:
    """Writes keyframe.onnx, frame.onnx (and keypoints.onnx in unsupervised mode) and neural-config.json into out_dir;
    returns the sidecar dict."""
    cfg = model.cfg
    os.makedirs(out_dir, exist_ok=True)
    # Wrappers in eval mode too: export restores each wrapper's own mode afterwards, and a wrapper left in training
    # mode would switch the model (BatchNorm statistics included) back to training.
    model = model.eval()
    keyframe_graph, frame_graph = KeyframeGraph(model).eval(), FrameGraph(model).eval()
    ex = example_inputs(cfg)
    kf_path = os.path.join(out_dir, "keyframe.onnx")
    fr_path = os.path.join(out_dir, "frame.onnx")
    with torch.no_grad():
        _onnx_export(keyframe_graph, (ex["image"],), kf_path, ["image"], ["volume"])
        volume = model.appearance(ex["image"])
        names = frame_input_names(cfg)
        args = tuple([volume] + [ex[n] for n in names[1:]])
        _onnx_export(frame_graph, args, fr_path, names, ["image"])
    paths = [kf_path, fr_path]
    kp_path = None
    if model.detector is not None:
        kp_path = os.path.join(out_dir, "keypoints.onnx")
        kp_graph = KeypointGraph(model).eval()
        with torch.no_grad():
            _onnx_export(kp_graph, (ex["image"],), kp_path, ["image"], ["keypoints"])
        paths.append(kp_path)
    model.eval()
    for p in paths:
        onnx.checker.check_model(onnx.load(p))
        if fp16_weights:
            to_fp16_storage(p)
    sidecar = {
        "format": "facecodec-neural-v1",
        "config": cfg.to_json(),
        "keyframeModel": "keyframe.onnx",
        "frameModel": "frame.onnx",
        "imageSizePx": cfg.image_size,
        "volumeShape": list(volume.shape),
        "landmarkIds": list(cfg.landmark_ids),
        "expressionDims": cfg.expression_dims if cfg.uses_expression else 0,
        "jawDims": cfg.jaw_dims if cfg.uses_expression else 0,
        "frameInputs": frame_input_names(cfg),
        "keypointMode": cfg.keypoint_mode,
        "faceModelId": cfg.face_model_id,
        "fp16Weights": fp16_weights,
        "audit": {"keyframe": op_audit(kf_path), "frame": op_audit(fr_path)},
    }
    if kp_path is not None:
        with torch.no_grad():
            expected = model.detector(ex["image"])
        sidecar["keypointModel"] = "keypoints.onnx"
        sidecar["keypointCount"] = cfg.num_keypoints
        sidecar["audit"]["keypoints"] = op_audit(kp_path)
        # After fp16 storage: the check covers the file as shipped (float16 weights round, hence the tolerance).
        sidecar["keypointCheck"] = check_against_torch(kp_path, {"image": ex["image"]}, expected)
    with open(os.path.join(out_dir, SIDECAR), "w") as f:
        json.dump(sidecar, f, indent=1)
    return sidecar
