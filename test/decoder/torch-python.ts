/** Finds the Python the neural tests run the training code with (scripts/setup.sh installs Debian's torch and onnx). */
import { spawnSync } from 'node:child_process';

/** A Python that can import torch and onnx: $FACECODEC_PYTHON, python3 on PATH, or Debian's /usr/bin/python3. */
export function findTorchPython(): string | null {
  const candidates = [process.env.FACECODEC_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch, onnx'], { stdio: 'ignore', timeout: 30000 });
    if (r.status === 0) return py;
  }
  return null;
}
