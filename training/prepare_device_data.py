"""One command that turns the shared clips into the compact data set the GPU session trains on (see README.md,
"GPU session"): tracks every clip with the project's own tracker + fitter, holds out whole identities for evaluation,
and writes 256 px face crops as JPEG frames plus per-frame tracks into .data/neural/ (ignored by git, ~25 MB, small
enough to travel with the working tree).

  /usr/bin/python3 training/prepare_device_data.py [--videos /work/shared/clips] [--out .data/neural]
      [--eval-identities retalking_2,liveportrait_d20] [--image-px 256] [--every 1]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepare_data import REPO_ROOT, cut_part, read_identities, split_clips, track_all  # noqa: E402

# Two people the training clips never show (a man in a suit before a map, a young man outdoors): the evaluation is
# same-identity reenactment of people the network has not seen.
DEFAULT_EVAL = "retalking_2,liveportrait_d20"


def default_videos() -> str:
    shared = os.environ.get("FACECODEC_SHARED") or os.path.join(REPO_ROOT, "..", "shared")
    return os.path.join(shared, "clips")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--videos", default=default_videos())
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, ".data", "neural"))
    ap.add_argument("--eval-identities", default=DEFAULT_EVAL)
    ap.add_argument("--image-px", type=int, default=256)
    ap.add_argument("--jpeg-quality", type=int, default=3)
    ap.add_argument("--every", type=int, default=1, help="keep one frame in this many")
    ap.add_argument("--flame", help="track with FLAME 2023 Open (needs its expression basis) instead of the built-in model")
    args = ap.parse_args()
    t0 = time.monotonic()
    # Beside the data, not in it (they need not travel); kept, so re-running skips the tracker.
    tracks = os.path.join(os.path.dirname(os.path.abspath(args.out)), "tracks")
    track_all(args.videos, tracks, args.flame)
    split = split_clips(args.videos, tracks, 0.0, read_identities(args.eval_identities))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "split.json"), "w") as fh:
        json.dump(split, fh, indent=1)
    counts = {}
    for part in ("train", "eval"):
        shutil.rmtree(os.path.join(args.out, part), ignore_errors=True)
        counts[part] = cut_part(split, part, os.path.join(args.out, part), args.image_px, 256, None, "jpeg",
                                args.jpeg_quality, args.every)
    size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(args.out) for f in fs)
    manifest = {
        "imagePx": args.image_px, "frames": counts, "evalIdentities": split["eval_identities"],
        "faceModelId": "flame2023-open" if args.flame else "builtin-mediapipe-v1", "bytes": size,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
    print(json.dumps({**manifest, "seconds": round(time.monotonic() - t0, 1)}))


if __name__ == "__main__":
    main()
