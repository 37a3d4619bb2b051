#!/bin/bash
# Packs what the GPU machine needs to time the neural renderer through onnxruntime-node's WebGPU provider: that
# machine has no node. Writes .device-node/ (ignored by git, ~40 MB): node.xz (this machine's node binary),
# ort.tar.xz (onnxruntime-node for linux-x64 and onnxruntime-common) and neural-bench.mjs (bench/neural.ts bundled
# with esbuild; onnxruntime-node stays external). Also fetches the Vulkan loader debs into .gl/ (the device tool's
# README). Used on the device by scripts/gpu-session/webgpu-bench.sh (training/README.md, "GPU session").
set -euo pipefail
cd "$(dirname "$0")/.."
out=.device-node
rm -rf "$out" && mkdir -p "$out/stage/node_modules"
xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
cp -r node_modules/onnxruntime-common "$out/stage/node_modules/"
mkdir -p "$out/stage/node_modules/onnxruntime-node/bin/napi-v6/linux"
for f in package.json dist lib; do cp -r "node_modules/onnxruntime-node/$f" "$out/stage/node_modules/onnxruntime-node/"; done
cp -r node_modules/onnxruntime-node/bin/napi-v6/linux/x64 "$out/stage/node_modules/onnxruntime-node/bin/napi-v6/linux/"
tar -C "$out/stage" -cf - node_modules | xz -T0 -6 > "$out/ort.tar.xz"
rm -rf "$out/stage"
npx esbuild bench/neural.ts --bundle --platform=node --format=esm --target=node20 --external:onnxruntime-node \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" \
  --outfile="$out/neural-bench.mjs" --log-level=warning
if [ ! -f .gl/libvulkan1*.deb ] 2>/dev/null || ! ls .gl/libvulkan1*.deb >/dev/null 2>&1; then
  mkdir -p .gl /tmp/amd64/partial
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  apt-get $o update >/dev/null
  (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
du -sh "$out"/* .gl
