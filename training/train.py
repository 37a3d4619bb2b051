"""Train (or resume) the neural decoder. Each invocation runs until --time-budget-s, checkpoints, and exits, so a long
training proceeds in chunks (re-run the same command). Usage: see training/README.md."""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from facecodec_neural.config import load_config  # noqa: E402
from facecodec_neural.data import PreparedPairs, prepared_dirs_under  # noqa: E402
from facecodec_neural.synthetic import SyntheticPairs  # noqa: E402
from facecodec_neural.trainer import Trainer, TrainOptions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="full", help="'full', 'tiny' or a config JSON")
    ap.add_argument("--mode", choices=["unsupervised", "flame", "flame_expr"], help="ablation switch (default: config's)")
    ap.add_argument("--face-model-id", help="face model the tracks were fitted with, e.g. flame2023-open")
    ap.add_argument("--prepared", help="folder of prepared training clips (prepare_data.py --part train)")
    ap.add_argument("--synthetic", action="store_true", help="procedural data (smoke runs only)")
    ap.add_argument("--out", required=True, help="run folder: checkpoint.pt lives here; re-running resumes")
    ap.add_argument("--steps", type=int, default=200_000, help="total steps of the whole run")
    ap.add_argument("--time-budget-s", type=float, default=540, help="stop and checkpoint after this long (default 9 min)")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--gan-start", type=int, default=1000)
    ap.add_argument("--w-equivariance", type=float, default=10.0, help="keypoint equivariance weight (unsupervised mode)")
    ap.add_argument("--vgg19-weights", help="torchvision vgg19 state dict; default: fixed random VGG-shaped features")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()

    overrides = {}
    if args.mode:
        overrides["keypoint_mode"] = args.mode
    if args.face_model_id:
        overrides["face_model_id"] = args.face_model_id
    cfg = load_config(args.config, **overrides)
    if args.synthetic:
        data = SyntheticPairs(cfg, count=10_000)
    elif args.prepared:
        dirs = prepared_dirs_under(args.prepared)
        data = PreparedPairs(dirs, cfg, pairs_per_epoch=max(10_000, args.batch * 1000))
    else:
        ap.error("give --prepared DIR or --synthetic")
    opts = TrainOptions(out_dir=args.out, total_steps=args.steps, batch_size=args.batch, lr=args.lr,
                        time_budget_s=args.time_budget_s, gan_start_step=args.gan_start, vgg_weights=args.vgg19_weights,
                        w_equivariance=args.w_equivariance,
                        num_workers=args.workers, device=args.device)
    with open(os.path.join(args.out, "config.json") if os.path.isdir(args.out) else os.devnull, "w") as f:
        json.dump(cfg.to_json(), f, indent=1)
    trainer = Trainer(cfg, data, opts)
    print(json.dumps({"resumed_at_step": trainer.step, "device": args.device, "mode": cfg.keypoint_mode}), flush=True)
    print(json.dumps(trainer.run()), flush=True)


if __name__ == "__main__":
    main()
