#!/bin/bash
# GPU session, call 1 (about 2 minutes on the device): neural decoder milliseconds per 256 px frame through
# onnxruntime-node's WebGPU provider, for the full-size network (exported here with initial weights: timing does not
# depend on them) and for the shipped small model, with ONNX Runtime's node placements; the CPU provider on the
# device's cores as a reference. Needs .device-node/ and .gl/ from scripts/pack-device-node.sh (carried).
# Writes into $OUT: webgpu-<model>.log and cpu-<model>.log (each ends with the bench's JSON line), export-full.json,
# gpu.txt. PYTHON picks the interpreter with torch (default python3). Every step runs even if an earlier one failed;
# the exit status is the first failure's.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?set OUT (the device tool sets it)}
status=0
step() { "$@" || { rc=$?; echo "step failed ($rc): $*" >&2; [ "$status" -eq 0 ] && status=$rc; }; }

# Vulkan loader: the device tool's README (Dawn needs libvulkan.so.1; the driver's ICD is in /usr/local/nvidia).
if ! ldconfig -p | grep -q 'libvulkan.so.1'; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; ls -l "$VK_DRIVER_FILES"; } > "$out/gpu.txt" 2>&1

# node: the machine's own if it has one, else the packed binary.
node_bin=$(command -v node || true)
if [ -z "$node_bin" ]; then
  mkdir -p /tmp/facecodec-node && xz -dc .device-node/node.xz > /tmp/facecodec-node/node && chmod +x /tmp/facecodec-node/node
  node_bin=/tmp/facecodec-node/node
fi
echo "node: $node_bin $("$node_bin" --version)" >> "$out/gpu.txt"
tar xJf .device-node/ort.tar.xz -C .device-node

step "${PYTHON:-python3}" training/export_onnx.py --untrained full --out /tmp/facecodec-full --fp16-weights > "$out/export-full.json"

bench() { # provider, model name, model dir, frames
  "$node_bin" .device-node/neural-bench.mjs --model-dir "$3" --providers "$1" --frames "$4" --placements 2>&1 | tee "$out/$1-$2.log" | tail -n 1
}
step bench webgpu full /tmp/facecodec-full 100
step bench webgpu shipped models/neural 100
step bench cpu full /tmp/facecodec-full 10
step bench cpu shipped models/neural 30
exit "$status"
