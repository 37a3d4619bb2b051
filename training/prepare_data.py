"""Prepare training data: build the identity split and cut every clip into frames.npy + meta.npz.

  python3 training/prepare_data.py split --videos DIR --tracks DIR --out split.json [--eval-fraction 0.05]
      (clips are DIR/<identity>/.../<clip>.mp4 as in VoxCeleb2 / TalkingHead-1KH; the track of a clip is the same
       relative path under --tracks with .json instead of .mp4, written by `facecodec track <video> -o <json>`)
  python3 training/prepare_data.py cut --split split.json --part train --out prepared/train --image-px 256
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from facecodec_neural.data import ClipEntry, clips_for, make_split, prepare_clip  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("split")
    sp.add_argument("--videos", required=True)
    sp.add_argument("--tracks", required=True)
    sp.add_argument("--out", required=True)
    sp.add_argument("--eval-fraction", type=float, default=0.05)
    sp.add_argument("--eval-identities", help="file with one held-out identity per line (e.g. VoxCeleb's test ids)")
    cp = sub.add_parser("cut")
    cp.add_argument("--split", required=True)
    cp.add_argument("--part", choices=["train", "eval"], required=True)
    cp.add_argument("--out", required=True)
    cp.add_argument("--image-px", type=int, default=256)
    cp.add_argument("--crop-px", type=int, default=256, help="the encoder's cropSizePx the track poses are in")
    cp.add_argument("--max-frames", type=int)
    args = ap.parse_args()

    if args.cmd == "split":
        clips = []
        for root, _, files in os.walk(args.videos):
            for f in sorted(files):
                if not f.endswith(".mp4"):
                    continue
                rel = os.path.relpath(os.path.join(root, f), args.videos)
                track = os.path.join(args.tracks, rel[:-4] + ".json")
                if os.path.exists(track):
                    clips.append(ClipEntry(id=rel[:-4], identity=rel.split(os.sep)[0], video=os.path.join(args.videos, rel), track=track))
        held = None
        if args.eval_identities:
            with open(args.eval_identities) as fh:
                held = [line.strip() for line in fh if line.strip()]
        split = make_split(clips, args.eval_fraction, held)
        with open(args.out, "w") as fh:
            json.dump(split, fh, indent=1)
        print(json.dumps({"clips": len(clips), "eval_identities": len(split["eval_identities"])}))
    else:
        with open(args.split) as fh:
            split = json.load(fh)
        done = 0
        for clip in clips_for(split, args.part):
            n = prepare_clip(clip.video, clip.track, os.path.join(args.out, clip.id.replace(os.sep, "__")),
                             args.image_px, args.crop_px, args.max_frames)
            done += n
            print(json.dumps({"clip": clip.id, "frames": n}), flush=True)
        print(json.dumps({"part": args.part, "frames": done}))


if __name__ == "__main__":
    main()
