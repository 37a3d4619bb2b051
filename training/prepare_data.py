"""Prepare training data: track every clip, build the identity split, cut every clip into frames + meta.npz.

  python3 training/prepare_data.py track --videos DIR --tracks DIR      (runs `facecodec track` where no track exists)
  python3 training/prepare_data.py split --videos DIR --tracks DIR --out split.json [--eval-fraction 0.05]
      (clips are DIR/<identity>/.../<clip>.mp4 as in VoxCeleb2 / TalkingHead-1KH, or DIR/<clip>.mp4 with one person
       per clip, the identity then being the clip's name; the track of a clip is the same relative path under
       --tracks with .json instead of .mp4, written by `facecodec track <video> -o <json>`)
  python3 training/prepare_data.py cut --split split.json --part train --out prepared/train --image-px 256 \
      [--format npy|jpeg]   (jpeg: one frames.jpg.npz per clip, ~20x smaller, decodes without ffmpeg)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from facecodec_neural.data import ClipEntry, clips_for, make_split, prepare_clip  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACECODEC_CLI = os.path.join(REPO_ROOT, "bin", "facecodec.js")


def list_videos(videos: str) -> List[str]:
    """Relative paths of the .mp4 files under `videos`, sorted."""
    out = []
    for root, _, files in os.walk(videos):
        out += [os.path.relpath(os.path.join(root, f), videos) for f in files if f.endswith(".mp4")]
    return sorted(out)


def track_all(videos: str, tracks: str, flame: Optional[str] = None, log=print) -> List[str]:
    """Runs the project's tracker + fitter (`facecodec track`) on every clip without a track yet; returns the
    track paths. A clip the tracker fails on is reported and skipped."""
    done = []
    for rel in list_videos(videos):
        track = os.path.join(tracks, rel[:-4] + ".json")
        if not os.path.exists(track):
            os.makedirs(os.path.dirname(track), exist_ok=True)
            cmd = ["node", FACECODEC_CLI, "track", os.path.join(videos, rel), "-o", track]
            if flame:
                cmd += ["--flame", flame]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                log(json.dumps({"clip": rel, "error": (r.stderr or r.stdout).strip().splitlines()[-1:]}))
                continue
            log(r.stdout.strip().splitlines()[-1])
        done.append(track)
    return done


def split_clips(videos: str, tracks: str, eval_fraction: float, eval_identities: Optional[List[str]]) -> dict:
    """The split dict over every clip that has a track; identity = first folder, or the clip's name if flat."""
    clips = []
    for rel in list_videos(videos):
        track = os.path.join(tracks, rel[:-4] + ".json")
        if os.path.exists(track):
            parts = rel.split(os.sep)
            identity = parts[0] if len(parts) > 1 else rel[:-4]
            clips.append(ClipEntry(id=rel[:-4], identity=identity, video=os.path.join(videos, rel), track=track))
    return make_split(clips, eval_fraction, eval_identities)


def cut_part(split: dict, part: str, out: str, image_px: int, crop_px: int = 256, max_frames: Optional[int] = None,
             frame_format: str = "npy", jpeg_quality: int = 3, every: int = 1, log=print) -> int:
    """Cuts every clip of one part of the split into out/<clip id>/; returns the number of frames written."""
    done = 0
    for clip in clips_for(split, part):
        n = prepare_clip(clip.video, clip.track, os.path.join(out, clip.id.replace(os.sep, "__")), image_px, crop_px,
                         max_frames, frame_format, jpeg_quality, every)
        done += n
        log(json.dumps({"clip": clip.id, "part": part, "frames": n}))
    return done


def read_identities(arg: Optional[str]) -> Optional[List[str]]:
    """A comma-separated list, or a file with one identity per line."""
    if not arg:
        return None
    if os.path.exists(arg):
        with open(arg) as fh:
            return [line.strip() for line in fh if line.strip()]
    return [s.strip() for s in arg.split(",") if s.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    tp = sub.add_parser("track")
    tp.add_argument("--videos", required=True)
    tp.add_argument("--tracks", required=True)
    tp.add_argument("--flame", help="FLAME 2023 Open folder (with the expression basis) instead of the built-in model")
    sp = sub.add_parser("split")
    sp.add_argument("--videos", required=True)
    sp.add_argument("--tracks", required=True)
    sp.add_argument("--out", required=True)
    sp.add_argument("--eval-fraction", type=float, default=0.05)
    sp.add_argument("--eval-identities", help="held-out identities: a file with one per line (e.g. VoxCeleb's test "
                    "ids) or a comma-separated list")
    cp = sub.add_parser("cut")
    cp.add_argument("--split", required=True)
    cp.add_argument("--part", choices=["train", "eval"], required=True)
    cp.add_argument("--out", required=True)
    cp.add_argument("--image-px", type=int, default=256)
    cp.add_argument("--crop-px", type=int, default=256, help="the encoder's cropSizePx the track poses are in")
    cp.add_argument("--max-frames", type=int)
    cp.add_argument("--format", choices=["npy", "jpeg"], default="npy")
    cp.add_argument("--jpeg-quality", type=int, default=3, help="ffmpeg mjpeg -q:v (2 best .. 31)")
    cp.add_argument("--every", type=int, default=1, help="keep one frame in this many")
    args = ap.parse_args()

    if args.cmd == "track":
        tracks = track_all(args.videos, args.tracks, args.flame)
        print(json.dumps({"tracks": len(tracks)}))
    elif args.cmd == "split":
        split = split_clips(args.videos, args.tracks, args.eval_fraction, read_identities(args.eval_identities))
        with open(args.out, "w") as fh:
            json.dump(split, fh, indent=1)
        print(json.dumps({"clips": len(split["clips"]), "eval_identities": len(split["eval_identities"])}))
    else:
        with open(args.split) as fh:
            split = json.load(fh)
        done = cut_part(split, args.part, args.out, args.image_px, args.crop_px, args.max_frames, args.format,
                        args.jpeg_quality, args.every)
        print(json.dumps({"part": args.part, "frames": done}))


if __name__ == "__main__":
    main()
