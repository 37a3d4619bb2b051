"""Trains the refiner on data from scripts/refiner-data.ts, resuming from <out>/checkpoint.pt, and exports it.
Usage: /usr/bin/python3 training/train_refiner.py --data DIR [DIR ...] --out DIR [--val DIR] [--budget-s S] [--steps N]
       [--export DIR]"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from facecodec_refiner.data import RefinerSamples  # noqa: E402
from facecodec_refiner.export import export_refiner  # noqa: E402
from facecodec_refiner.model import RefinerConfig  # noqa: E402
from facecodec_refiner.train import RefinerTrainOptions, train, validate  # noqa: E402

SPLIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "identity-split.json")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--val", nargs="*", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--crop", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--budget-s", type=float, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--export", default=None)
    ap.add_argument("--init-from", default=None, help="a checkpoint.pt to start from (a fresh --out only)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(SPLIT) as f:
        held = set(json.load(f)["evaluationIdentities"])
    # Refuses to start when any training sample is of an evaluation identity.
    data = RefinerSamples(a.data, exclude_persons=held)
    val = RefinerSamples(a.val) if a.val else None
    print(json.dumps({"samples": data.count, "persons": len(data.persons)}), flush=True)
    opts = RefinerTrainOptions(out_dir=a.out, total_steps=a.steps, batch_size=a.batch, crop=a.crop, lr=a.lr, time_budget_s=a.budget_s, init_from=a.init_from)
    model = train(RefinerConfig(), data, opts, val)
    state = torch.load(os.path.join(a.out, "checkpoint.pt"), map_location="cpu")
    summary = {"step": state["step"], "elapsed_s": round(state["elapsed_s"], 1), "samples": data.count, "persons": len(data.persons)}
    if val is not None:
        summary.update(validate(model, val, per_clip=1000, step=1))
    if a.export:
        export_refiner(model, a.export, {"training": summary})
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
