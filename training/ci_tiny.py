"""CI smoke run: the tiny model trains a few steps on synthetic pairs (CPU), is exported to ONNX, and PyTorch's outputs
for fixed renderer-level inputs (keypoints in mm + pose, as src/decoder/neural receives them) are saved next to the
ONNX files so the TypeScript test can compare. `--mode unsupervised` trains the learned keypoint detector with the
equivariance loss, also exports keypoints.onnx and saves PyTorch's keypoints of the reference images.
Usage: python3 training/ci_tiny.py --out DIR [--steps N] [--mode flame_expr|flame|unsupervised]."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from facecodec_neural.config import tiny_config  # noqa: E402
from facecodec_neural.export import export_model  # noqa: E402
from facecodec_neural.geometry import expression_feature, normalized_keypoints, normalized_rotation  # noqa: E402
from facecodec_neural.synthetic import SyntheticPairs, draw, sample_track_frame  # noqa: E402
from facecodec_neural.trainer import Trainer, TrainOptions  # noqa: E402
from facecodec_neural.volume_ops import SlabConv3d, sample_volume  # noqa: E402


def equivalence_checks() -> dict:
    """The WebGPU-friendly 3D ops against PyTorch's own Conv3d / 5D grid_sample."""
    g = torch.Generator().manual_seed(3)
    v = torch.randn(2, 3, 4, 6, 5, generator=g)
    grid = torch.rand(2, 3, 4, 5, 3, generator=g) * 2.4 - 1.2
    conv = torch.nn.Conv3d(3, 4, 3, padding=1)
    slab = SlabConv3d(3, 4, 3)
    slab.load_from_conv3d(conv)
    with torch.no_grad():
        return {
            "sampleVolumeMaxAbsDiff": float((sample_volume(v, grid) - F.grid_sample(v, grid, align_corners=False)).abs().max()),
            "slabConvMaxAbsDiff": float((slab(v) - conv(v)).abs().max()),
        }


def equivariance_check(model) -> dict:
    """The loss's geometry on a detector that is exactly equivariant in x, y (a bright blob's position): ~0 error;
    and the trained tiny detector's loss on a fresh warp (finite; its size says little after a few steps)."""
    from facecodec_neural.equivariance import apply_affine_xy, equivariance_loss, random_affine, warp_image

    g = torch.Generator().manual_seed(9)
    s = model.cfg.image_size
    c = (torch.arange(s) + 0.5) / s * 2 - 1
    yy, xx = torch.meshgrid(c, c, indexing="ij")
    blob = torch.exp(-((xx - 0.2) ** 2 + (yy + 0.1) ** 2) / 0.01).expand(1, 3, s, s).contiguous()

    def centroid(img):
        w = img[:, 0] / img[:, 0].sum(dim=(1, 2), keepdim=True)
        return torch.stack([(w * xx).sum((1, 2)), (w * yy).sum((1, 2)), torch.zeros(img.shape[0])], -1).unsqueeze(1)

    theta = random_affine(1, 0.05, "cpu", g)
    exact = (apply_affine_xy(theta, centroid(warp_image(blob, theta))) - centroid(blob)[..., :2]).abs().max()
    with torch.no_grad():
        trained, _ = equivariance_loss(model.detector, blob, model.detector(blob), 0.05, g)
    return {"centroidMaxAbsErr": float(exact), "trainedLoss": float(trained)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--mode", default="flame_expr", choices=["flame_expr", "flame", "unsupervised"])
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    # The exporter's tracer warnings are about shape constants of a fixed-size graph; keep the CI log readable.
    warnings.filterwarnings("ignore")
    t0 = time.monotonic()
    cfg = tiny_config(keypoint_mode=args.mode)
    data = SyntheticPairs(cfg, count=16, seed=1)
    opts = TrainOptions(out_dir=os.path.join(args.out, "train"), total_steps=args.steps, batch_size=2, lr=1e-3,
                        checkpoint_every=10_000, log_every=10_000, gan_start_step=args.steps // 2, disc_scales=2,
                        disc_base=8, vgg_width_scale=0.125, num_workers=0)
    trainer = Trainer(cfg, data, opts)
    half = trainer.run(max_steps=args.steps // 2)
    # Resume from the checkpoint in a fresh trainer: the chunked-training path a real run uses.
    trainer = Trainer(cfg, data, opts)
    resumed_from = trainer.step
    result = trainer.run()
    train_s = time.monotonic() - t0

    model = trainer.model.eval()
    sidecar = export_model(model, args.out)

    # Renderer-level inputs: a keyframe image with its pose, and frames (mm + pose + expression prefix).
    crop = float(cfg.image_size)
    rng = np.random.default_rng(5)
    key = sample_track_frame(rng, cfg.expression_dims, crop)
    key_image = draw(key, cfg.image_size, crop)
    ids = cfg.landmark_ids
    kp_s = normalized_keypoints(key["keypoints68Mm"], key["rotationRad"], key["translationPx"], key["scalePxPerMm"], crop)
    frames = []
    with torch.no_grad():
        image_t = torch.from_numpy(key_image).permute(2, 0, 1).float().unsqueeze(0) / 255
        volume = model.appearance(image_t)
        learned_source = model.detector(image_t) if model.detector is not None else None
        for received in (cfg.expression_dims, 3, 0):
            fr = sample_track_frame(rng, cfg.expression_dims, crop)
            learned = {}
            if model.detector is not None:
                # The unsupervised ablation end to end: keypoints of both images from the detector drive the frame.
                fr_image = draw(fr, cfg.image_size, crop)
                kp_learned = model.detector(torch.from_numpy(fr_image).permute(2, 0, 1).float().unsqueeze(0) / 255)
                learned_out = model.render_frame(volume, learned_source, kp_learned,
                                                 torch.from_numpy(normalized_rotation(key["rotationRad"])).unsqueeze(0),
                                                 torch.from_numpy(normalized_rotation(fr["rotationRad"])).unsqueeze(0), None)["image"]
                learned = {"drivingImage": fr_image.reshape(-1).tolist(), "learnedKeypoints": kp_learned.reshape(-1).tolist(),
                           "learnedImage": learned_out.reshape(-1).tolist()}
            kp_d = normalized_keypoints(fr["keypoints68Mm"], fr["rotationRad"], fr["translationPx"], fr["scalePxPerMm"], crop)
            expr = expression_feature(fr["expression"], fr["jawRad"], cfg.expression_dims, received)
            out = model.render_frame(volume, torch.from_numpy(kp_s[ids]).unsqueeze(0), torch.from_numpy(kp_d[ids]).unsqueeze(0),
                                     torch.from_numpy(normalized_rotation(key["rotationRad"])).unsqueeze(0),
                                     torch.from_numpy(normalized_rotation(fr["rotationRad"])).unsqueeze(0),
                                     torch.from_numpy(expr).unsqueeze(0))["image"]
            frames.append({
                "keypoints68Mm": fr["keypoints68Mm"].tolist(), "expression": fr["expression"].tolist(),
                "jawRad": fr["jawRad"].tolist(), "rotationRad": fr["rotationRad"].tolist(),
                "translationPx": fr["translationPx"].tolist(), "pixelsPerMm": fr["scalePxPerMm"],
                "receivedExpressionDims": received,
                "kpDrivingNormalized": kp_d[ids].reshape(-1).tolist(), "expressionFeature": expr.tolist(),
                "rotDriving": normalized_rotation(fr["rotationRad"]).reshape(-1).tolist(),
                "image": out.reshape(-1).tolist(),
                **learned,
            })
    reference = {
        "torchVersion": torch.__version__,
        "checks": equivalence_checks(),
        "mode": cfg.keypoint_mode,
        "train": {"firstHalf": half, "resumedFromStep": resumed_from, "final": result, "seconds": train_s,
                  "losses": [h["loss_g"] for h in trainer.history],
                  "equivariance": [h["equivariance"] for h in trainer.history if "equivariance" in h]},
        "keyframe": {
            "image": key_image.reshape(-1).tolist(), "size": cfg.image_size,
            "keypoints68Mm": key["keypoints68Mm"].tolist(), "rotationRad": key["rotationRad"].tolist(),
            "translationPx": key["translationPx"].tolist(), "pixelsPerMm": key["scalePxPerMm"],
            "kpSourceNormalized": kp_s[ids].reshape(-1).tolist(),
            "rotSource": normalized_rotation(key["rotationRad"]).reshape(-1).tolist(),
            "volume": volume.reshape(-1).tolist(),
            **({"learnedKeypoints": learned_source.reshape(-1).tolist()} if learned_source is not None else {}),
        },
        "frames": frames,
        "audit": sidecar["audit"],
        "equivariance": equivariance_check(model) if model.detector is not None else None,
    }
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(reference, f)
    print(json.dumps({"out": args.out, "steps": result["step"], "seconds": time.monotonic() - t0,
                      "checks": reference["checks"], "frameOps": sidecar["audit"]["frame"]}))


if __name__ == "__main__":
    main()
