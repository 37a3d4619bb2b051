#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: system packages with apt-get, then the npm packages.
#   ffmpeg           video in/out and the benchmark's H.264/H.265/AV1 encoders
#   python3-numpy, python3-scipy   independent reference computations in the FLAME tests (scipy: the sparse pickles)
#   python3-torch, python3-onnx   the neural decoder's training code (a tiny CPU training + ONNX export in the tests)
#   tcpdump          the wire bench's packet capture of a call on loopback (bench/wire.ts)
#   janus            the SFU of multi-party calls: test/janus/ and `example:call --participants N` start a private one
#                    (own config, API on 127.0.0.1, VideoRoom + WebSockets only)
#   chromium         the browser tests (test/browser/, driven by playwright-core; never a browser Playwright downloads)
# FACECODEC_NODE_MODULES=<folder>: link that installed node_modules instead of running npm ci (CI's fresh-clone
# check, scripts/fresh-clone-check.sh, reuses the checkout's install to stay inside CI's time budget).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v janus >/dev/null 2>&1 || need+=(janus)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Debian's own interpreter: the packages below install for it, whatever `python3` is first on PATH.
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
/usr/bin/python3 -c 'import scipy.sparse' >/dev/null 2>&1 || need+=(python3-scipy)
/usr/bin/python3 -c 'import torch, onnx' >/dev/null 2>&1 || need+=(python3-torch python3-onnx)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ -n "${FACECODEC_NODE_MODULES:-}" ]; then
  [ -d "$FACECODEC_NODE_MODULES" ] || { echo "setup: FACECODEC_NODE_MODULES=$FACECODEC_NODE_MODULES is not a folder" >&2; exit 1; }
  [ -e node_modules ] || ln -s "$(cd "$FACECODEC_NODE_MODULES" && pwd)" node_modules
else
  npm ci --no-audit --no-fund
fi
