"""One command for a GPU session (training/README.md, "GPU session"): trains one or more keypoint modes (the ablation
switch) at once on the prepared data for a wall-time budget, resuming from carried compact checkpoints, evaluates each
on the held-out identities, exports the ONNX pair of one mode and checks it against PyTorch in ONNX Runtime, and
leaves in --out (the device tool's $OUT) at most 8 files of < 16 MiB:

  summary.json           environment, per-mode steps/throughput/loss log/eval metrics, export check, bundle contents
  preview.png            held-out frames, one column block per mode: source | driving | output
  bundle.tar.partNN      a tar, split in < 16 MiB parts, filled in this order while it fits 62 MiB:
                         ckpt/<first mode>.pt (float16 generator + discriminator + step: resumable, ~29 MB full size),
                         ckpt/<other modes>.pt (float16 generator only, ~18 MB), then neural/ (keyframe.onnx,
                         frame.onnx, neural-config.json of --export-mode; rebuildable from its checkpoint)

  python3 training/device_run.py --out "$OUT" [--modes flame_expr,flame,unsupervised] [--budget-s 540]
      [--data .data/neural] [--state .data/neural-state] [--config full] [--batch 8]

Several modes train concurrently (one process each) on the one GPU. A checkpoint <state>/<mode>.pt, if present, is
resumed (weights and step; the optimizers restart with a short warm-up).
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from facecodec_neural.config import KEYPOINT_MODES, KEYPOINT_PRIORITY, ModelConfig, load_config  # noqa: E402
from facecodec_neural.data import PreparedPairs, ResidentPairs, prepared_dirs_under  # noqa: E402
from facecodec_neural.losses import ssim  # noqa: E402
from facecodec_neural.model import FaceReenactor  # noqa: E402
from facecodec_neural.trainer import Trainer, TrainOptions, load_checkpoint  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PART_BYTES = 16 * 1024 * 1024 - 64 * 1024
# What may come back: 8 files, 16 MiB each, 64 MiB in all; the rest is summary.json and preview.png.
BUNDLE_MAX_BYTES = 62 * 1024 * 1024
MAX_PARTS = 6


def log(obj) -> None:
    print(json.dumps(obj), flush=True)


def setup_cuda() -> dict:
    """TF32 for the float32 parts and cuDNN autotuning, each only where this PyTorch has the switch."""
    info = {"torch": torch.__version__, "cuda": torch.cuda.is_available()}
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
        if hasattr(torch.backends, "cuda") and hasattr(torch.backends.cuda, "matmul"):
            torch.backends.cuda.matmul.allow_tf32 = True
        if hasattr(torch.backends, "cudnn"):
            torch.backends.cudnn.allow_tf32 = True
            torch.backends.cudnn.benchmark = True
    return info


# K per mode so that the three ablations cost about the same bytes per frame as flame_expr's k16 e10 (19.6 B): 18
# landmarks without expression cost 19.7 B, and 14 learned keypoints about 19.8 B (estimated: their coded size depends
# on the trained detector). Measurements: bench/results/neural-ablation-cpu/README.md.
DEFAULT_MODE_KEYPOINTS = "flame_expr=16,flame=18,unsupervised=14"


def parse_mode_keypoints(text: str) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        mode, _, k = part.partition("=")
        if mode not in KEYPOINT_MODES or not k.isdigit() or not 1 <= int(k) <= 68:
            sys.exit(f"--mode-keypoints: bad entry {part!r} (mode=K, K in 1..68)")
        out[mode] = int(k)
    return out


def mode_config(args, mode: str) -> ModelConfig:
    k = parse_mode_keypoints(args.mode_keypoints).get(mode)
    extra = {} if k is None else {"num_keypoints": k, "landmark_ids": KEYPOINT_PRIORITY[:k]}
    return load_config(args.config, keypoint_mode=mode, face_model_id=args.face_model_id, **extra)


def data_dirs(args, part: str):
    root = os.path.join(args.data, part)
    if not os.path.isdir(root):
        sys.exit(f"no prepared data in {root}: run training/prepare_device_data.py first (README.md)")
    return prepared_dirs_under(root)


def evaluate(model: FaceReenactor, pairs: PreparedPairs, device: torch.device, per_clip: int, expression_dims) -> dict:
    """Same-identity reenactment of held-out people: source = a clip's first frame, driving = up to `per_clip`
    frames spread over the clip; L1, PSNR and SSIM of the output against the driving frame, for each number of
    received expression dims in `expression_dims` (None = all)."""
    cfg = model.cfg
    ids = cfg.landmark_ids
    model.eval()
    results, preview = {}, None
    for received in expression_dims:
        l1s, psnrs, ssims = [], [], []
        for c, (frames, meta) in enumerate(pairs.clips):
            idx = np.linspace(1, len(frames) - 1, min(per_clip, len(frames) - 1)).round().astype(int)
            for start in range(0, len(idx), 8):
                b = idx[start:start + 8]
                n = len(b)
                src = torch.from_numpy(np.asarray(frames[0])).permute(2, 0, 1).float().div(255).expand(n, -1, -1, -1)
                drv = torch.from_numpy(np.stack([np.asarray(frames[i]) for i in b])).permute(0, 3, 1, 2).float() / 255
                e = np.zeros((n, cfg.expression_dims), dtype=np.float32)
                keep = cfg.expression_dims if received is None else min(received, cfg.expression_dims)
                src_e = meta["expression"][b][:, :keep]
                e[:, : src_e.shape[1]] = src_e
                batch = {
                    "source": src.contiguous(), "driving": drv,
                    "kp_source": torch.from_numpy(meta["kp68"][[0] * n][:, ids]),
                    "kp_driving": torch.from_numpy(meta["kp68"][b][:, ids]),
                    "rot_source": torch.from_numpy(meta["rot"][[0] * n]),
                    "rot_driving": torch.from_numpy(meta["rot"][b]),
                    "expression": torch.from_numpy(np.concatenate([meta["jaw"][b], e], axis=1)),
                }
                batch = {k: v.to(device) for k, v in batch.items()}
                with torch.no_grad():
                    pred = model(batch)["image"].float().clamp(0, 1)
                err = (pred - batch["driving"]).abs().mean(dim=(1, 2, 3))
                mse = ((pred - batch["driving"]) ** 2).mean(dim=(1, 2, 3)).clamp_min(1e-10)
                l1s += err.tolist()
                psnrs += (10 * torch.log10(1 / mse)).tolist()
                for j in range(n):
                    ssims.append(float(ssim(pred[j:j + 1], batch["driving"][j:j + 1])))
                if preview is None and c == 0 and received is None:
                    k = min(4, n)
                    rows = [torch.cat([batch["source"][j], batch["driving"][j], pred[j]], dim=2) for j in range(k)]
                    preview = (torch.cat(rows, dim=1).permute(1, 2, 0).cpu().numpy() * 255).round().astype(np.uint8)
        key = "all" if received is None else str(received)
        results[key] = {"l1": float(np.mean(l1s)), "psnr": float(np.mean(psnrs)), "ssim": float(np.mean(ssims)),
                        "frames": len(l1s)}
    return {"byReceivedExpressionDims": results, "clips": pairs.names, "preview": preview}


def write_png(path: str, rgb: np.ndarray) -> bool:
    """Writes an RGB uint8 image with OpenCV, Pillow or ffmpeg, whichever exists; False if none does."""
    try:
        import cv2  # type: ignore
        return bool(cv2.imwrite(path, rgb[:, :, ::-1]))
    except ImportError:
        pass
    try:
        from PIL import Image  # type: ignore
        Image.fromarray(rgb).save(path)
        return True
    except ImportError:
        pass
    h, w, _ = rgb.shape
    try:
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-i", "-",
                        path], input=rgb.tobytes(), check=True)
        return True
    except (OSError, subprocess.CalledProcessError):
        return False


def worker(args) -> None:
    """Trains one mode until the deadline, then evaluates it; writes <work>/<mode>/result.json and compact.pt."""
    mode = args.worker
    work = os.path.join(args.work, mode)
    # A warm machine keeps /tmp between calls: a stale full checkpoint here would be resumed instead of --state's.
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    setup_cuda()
    warnings.filterwarnings("ignore")
    device = torch.device(args.device)
    if device.type == "cpu":
        torch.set_num_threads(max(1, args.threads))
    cfg = mode_config(args, mode)
    t0 = time.monotonic()
    train = PreparedPairs(data_dirs(args, "train"), cfg, seed=args.seed)
    data = ResidentPairs(train, device, seed=args.seed) if device.type == "cuda" else train
    load_s = time.monotonic() - t0
    init = os.path.join(args.state, f"{mode}.pt")
    opts = TrainOptions(out_dir=work, total_steps=args.steps, batch_size=args.batch, lr=args.lr,
                        time_budget_s=max(1.0, args.deadline - time.time()), checkpoint_every=10 ** 9,
                        log_every=args.log_every, gan_start_step=args.gan_start, device=args.device,
                        num_workers=0, amp_bf16=not args.no_amp, init_from=init if os.path.exists(init) else None,
                        vgg_width_scale=1.0 if args.config != "tiny" else 0.125,
                        disc_base=64 if args.config != "tiny" else 8, seed=args.seed)
    trainer = Trainer(cfg, data, opts)
    start_step = trainer.step
    opts.time_budget_s = max(1.0, args.deadline - time.time())
    log({"mode": mode, "resumed_from_step": start_step, "init_from": opts.init_from, "data_frames": len(data),
         "load_s": round(load_s, 1), "train_budget_s": round(opts.time_budget_s, 1)})
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    result = trainer.run()
    steps = trainer.step - start_step
    trainer.save_compact(os.path.join(work, "compact.pt"), with_disc=args.with_disc)
    os.remove(os.path.join(work, "checkpoint.pt"))  # the full checkpoint (~12 bytes a parameter) stays behind
    eval_pairs = PreparedPairs(data_dirs(args, "eval"), cfg)
    dims = [None, 10, 0] if cfg.uses_expression else [None]
    ev = evaluate(trainer.model, eval_pairs, device, args.eval_frames, dims)
    preview = ev.pop("preview")
    if preview is not None:
        np.save(os.path.join(work, "preview.npy"), preview)
    hist = trainer.history
    stride = max(1, math.ceil(len(hist) / 400))
    out = {
        "mode": mode, "startStep": start_step, "endStep": trainer.step, "steps": steps, "stopped": result["stopped"],
        "trainSeconds": round(result["seconds"], 1), "stepsPerSecond": round(steps / max(result["seconds"], 1e-9), 2),
        "batch": args.batch, "amp": trainer.amp,
        "peakGpuMemoryGiB": round(torch.cuda.max_memory_allocated() / 2 ** 30, 2) if device.type == "cuda" else None,
        "params": {name: sum(p.numel() for p in m.parameters()) for name, m in
                   (("appearance", trainer.model.appearance), ("motion", trainer.model.motion),
                    ("generator", trainer.model.generator), ("discriminator", trainer.disc))},
        "lossLog": [{k: (round(v, 5) if isinstance(v, float) else v) for k, v in h.items()} for h in hist[::stride]],
        "lastLosses": {k: float(np.mean([h[k] for h in hist[-50:] if k in h])) for k in (hist[-1] if hist else {})
                       if k != "step"},
        "eval": ev,
    }
    with open(os.path.join(work, "result.json"), "w") as f:
        json.dump(out, f)
    log({"mode": mode, "steps": steps, "stepsPerSecond": out["stepsPerSecond"], "eval": ev["byReceivedExpressionDims"]})


def export_and_check(args, mode: str, ckpt: str, out_dir: str) -> dict:
    """Exports a compact checkpoint to out_dir with float16 weights and compares ONNX Runtime (CPU) with PyTorch on
    the exporter's example inputs."""
    from facecodec_neural.export import example_inputs, export_model, frame_input_names
    warnings.filterwarnings("ignore")
    ck = load_checkpoint(ckpt, "cpu")
    cfg = ModelConfig.from_json(ck["config"])
    model = FaceReenactor(cfg)
    model.load_state_dict({k: (v.float() if v.is_floating_point() else v) for k, v in ck["model"].items()})
    model.eval()
    t0 = time.monotonic()
    sidecar = export_model(model, out_dir, fp16_weights=True)
    res = {"mode": mode, "step": ck["step"], "exportSeconds": round(time.monotonic() - t0, 1),
           "sizes": {n: os.path.getsize(os.path.join(out_dir, n)) for n in ("keyframe.onnx", "frame.onnx")},
           "webgpuFlagged": sidecar["audit"]["frame"]["webgpu_flagged"] + sidecar["audit"]["keyframe"]["webgpu_flagged"],
           "frameOps": sidecar["audit"]["frame"]["ops"]}
    try:
        import onnxruntime as ort  # type: ignore
    except ImportError:
        res["ortCheck"] = "onnxruntime not installed"
        return res
    # The ONNX weights are float16-rounded: compare with the same rounding in PyTorch.
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())
        ex = example_inputs(cfg)
        vol = model.appearance(ex["image"])
        names = frame_input_names(cfg)
        img = model.render_frame(vol, *[ex[n] for n in names[1:5]], ex.get("expression"))["image"]
    so = ort.SessionOptions()
    kf = ort.InferenceSession(os.path.join(out_dir, "keyframe.onnx"), so, providers=["CPUExecutionProvider"])
    fr = ort.InferenceSession(os.path.join(out_dir, "frame.onnx"), so, providers=["CPUExecutionProvider"])
    ort_vol = kf.run(None, {"image": ex["image"].numpy()})[0]
    feeds = {"volume": ort_vol, **{n: ex[n].numpy() for n in names[1:]}}
    feeds = {i.name: feeds[i.name] for i in fr.get_inputs()}
    t1 = time.monotonic()
    ort_img = fr.run(None, feeds)[0]
    res["ortCheck"] = {"volumeMaxAbsDiff": float(np.abs(ort_vol - vol.numpy()).max()),
                       "imageMaxAbsDiff": float(np.abs(ort_img - img.numpy()).max()),
                       "ortCpuFrameMs": round((time.monotonic() - t1) * 1000, 1)}
    return res


def make_bundle(items, out: str) -> dict:
    """Tars (archive name, path) items in order while they fit BUNDLE_MAX_BYTES, splits the tar into PART_BYTES parts
    out/bundle.tar.partNN; returns what went in and what was left out."""
    kept, left, total = [], [], 0
    for name, path in items:
        size = os.path.getsize(path)
        if total + size + 1024 > BUNDLE_MAX_BYTES:
            left.append({"name": name, "bytes": size})
            continue
        kept.append((name, path))
        total += size + 1024
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, path in kept:
            tar.add(path, arcname=name)
    data = buf.getvalue()
    parts = []
    for i in range(0, len(data), PART_BYTES):
        name = f"bundle.tar.part{i // PART_BYTES:02d}"
        with open(os.path.join(out, name), "wb") as f:
            f.write(data[i:i + PART_BYTES])
        parts.append(name)
    if len(parts) > MAX_PARTS:
        raise RuntimeError(f"bundle needs {len(parts)} parts, at most {MAX_PARTS} may come back")
    return {"parts": parts, "bytes": len(data), "contents": [n for n, _ in kept], "leftOut": left}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.environ.get("OUT"), help="where the results go (the device tool's $OUT)")
    ap.add_argument("--modes", default="flame_expr", help=f"comma-separated, of {', '.join(KEYPOINT_MODES)}")
    ap.add_argument("--budget-s", type=float, default=540, help="wall time of the whole command, start to finish")
    ap.add_argument("--reserve-s", type=float, default=75, help="kept from training for evaluation, export, packing")
    ap.add_argument("--data", default=os.path.join(REPO_ROOT, ".data", "neural"))
    ap.add_argument("--state", default=os.path.join(REPO_ROOT, ".data", "neural-state"),
                    help="compact checkpoints <mode>.pt to resume from")
    ap.add_argument("--config", default="full")
    ap.add_argument("--mode-keypoints", default=DEFAULT_MODE_KEYPOINTS,
                    help="K per mode, e.g. flame_expr=16,flame=18,unsupervised=14 (matched bytes per frame; '' = config's)")
    ap.add_argument("--face-model-id", help="default: manifest.json's faceModelId")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--steps", type=int, default=200_000, help="total steps of the whole run")
    ap.add_argument("--gan-start", type=int, default=1000)
    ap.add_argument("--log-every", type=int, default=100)
    ap.add_argument("--eval-frames", type=int, default=48, help="driving frames per held-out clip")
    ap.add_argument("--export-mode", default=None, help="mode to export to ONNX (default: the first of --modes)")
    ap.add_argument("--no-amp", action="store_true", help="float32 training (default: bfloat16 autocast on CUDA)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--threads", type=int, default=1, help="CPU threads per mode (CPU dry runs)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default="/tmp/facecodec-device-run")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--deadline", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--with-disc", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.face_model_id is None:
        manifest = os.path.join(args.data, "manifest.json")
        if os.path.exists(manifest):
            with open(manifest) as f:
                args.face_model_id = json.load(f).get("faceModelId")
    if args.worker:
        worker(args)
        return

    t_start = time.time()
    if not args.out:
        sys.exit("give --out (or set OUT)")
    modes = [m for m in args.modes.split(",") if m]
    bad = [m for m in modes if m not in KEYPOINT_MODES]
    if bad or not modes:
        sys.exit(f"unknown modes {bad}; choose from {KEYPOINT_MODES}")
    os.makedirs(args.out, exist_ok=True)
    env = setup_cuda()
    log({"env": env, "modes": modes})
    data_dirs(args, "train"), data_dirs(args, "eval")
    deadline = t_start + args.budget_s - args.reserve_s
    procs = {}
    for mode in modes:
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", mode, "--deadline", str(deadline)]
        for flag in ("data", "state", "config", "mode_keypoints", "face_model_id", "batch", "lr", "steps", "gan_start", "log_every",
                     "eval_frames", "device", "threads", "seed", "work"):
            v = getattr(args, flag)
            if v is not None:
                cmd += [f"--{flag.replace('_', '-')}", str(v)]
        if args.no_amp:
            cmd.append("--no-amp")
        if mode == modes[0]:  # the mode to resume next time keeps its discriminator
            cmd.append("--with-disc")
        logf = open(os.path.join(args.out, f"log_{mode}.txt"), "w")
        procs[mode] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), logf)
    # Relay the workers' lines (prefixed) and keep each one's log.
    import threading

    def relay(mode, proc, logf):
        for line in proc.stdout:
            logf.write(line)
            logf.flush()
            print(f"[{mode}] {line}", end="", flush=True)
    threads = [threading.Thread(target=relay, args=(m, p, f)) for m, (p, f) in procs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary = {"env": env, "modes": {}, "config": args.config, "batch": args.batch}
    items, previews = [], []
    for mode, (proc, logf) in procs.items():
        proc.wait()
        logf.close()
        work = os.path.join(args.work, mode)
        res_path = os.path.join(work, "result.json")
        if proc.returncode != 0 or not os.path.exists(res_path):
            summary["modes"][mode] = {"error": f"worker exit {proc.returncode}", "log": f"log_{mode}.txt"}
            continue
        os.remove(os.path.join(args.out, f"log_{mode}.txt"))  # its lines are in the tool's output already
        with open(res_path) as f:
            summary["modes"][mode] = json.load(f)
        if os.path.exists(os.path.join(work, "preview.npy")):
            previews.append(np.load(os.path.join(work, "preview.npy")))
        items.append((f"ckpt/{mode}.pt", os.path.join(work, "compact.pt")))
    export_mode = args.export_mode or modes[0]
    if export_mode in summary["modes"] and "error" not in summary["modes"][export_mode]:
        export_dir = os.path.join(args.work, "neural")
        shutil.rmtree(export_dir, ignore_errors=True)
        try:
            summary["export"] = export_and_check(args, export_mode, os.path.join(args.work, export_mode, "compact.pt"),
                                                 export_dir)
            # The ONNX files can be rebuilt from ckpt/<mode>.pt (export_onnx.py --checkpoint), so they come last.
            for n in ("neural-config.json", "keyframe.onnx", "frame.onnx"):
                items.append((f"neural/{n}", os.path.join(export_dir, n)))
        except Exception as e:  # noqa: BLE001 - report it; the checkpoints must still come back
            summary["export"] = {"mode": export_mode, "error": f"{type(e).__name__}: {e}"}
    if previews and write_png(os.path.join(args.out, "preview.png"), np.concatenate(previews, axis=1)):
        summary["preview"] = {"file": "preview.png", "columns": [m for m in summary["modes"] if "error" not in summary["modes"][m]],
                              "layout": "per mode: source | driving | output; rows: held-out frames"}
    summary["bundle"] = make_bundle(items, args.out)
    summary["seconds"] = round(time.time() - t_start, 1)
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    short = {m: ({k: r[k] for k in ("steps", "endStep", "stepsPerSecond", "peakGpuMemoryGiB")} | {"eval": r["eval"]["byReceivedExpressionDims"]})
             if "error" not in r else r for m, r in summary["modes"].items()}
    log({"summary": short, "export": summary.get("export"), "bundle": summary["bundle"], "seconds": summary["seconds"]})
    if any("error" in r for r in summary["modes"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
