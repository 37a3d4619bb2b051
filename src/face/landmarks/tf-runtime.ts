/** Starts TensorFlow.js once per process on single-threaded WASM SIMD (CPU fallback), the WASM binaries from the platform's tfjs-wasm root. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { platformFiles } from '../../io/platform-files.js';
import { LandmarksError } from './landmarks-error.js';

/** Which TensorFlow.js backend runs the graph models. */
export type LandmarksBackend = 'wasm' | 'cpu';

let started: Promise<LandmarksBackend> | null = null;
let startedWith: LandmarksBackend | null = null;

/**
 * Makes `preferred` the active backend (once per process: tfjs has one global backend, so every landmarker shares it).
 * WASM failing to start falls back to the pure-JS CPU backend, which is ~5x slower but always works.
 * @returns the backend actually running.
 */
export function startTfRuntime(preferred: LandmarksBackend = 'wasm'): Promise<LandmarksBackend> {
  if (started && startedWith === preferred) return started;
  startedWith = preferred;
  started = start(preferred).catch((err: unknown) => {
    started = null;
    throw err;
  });
  return started;
}

async function start(preferred: LandmarksBackend): Promise<LandmarksBackend> {
  if (preferred === 'wasm') {
    try {
      // Node has no usable worker-based threads for this build (and a browser page without cross-origin isolation has
      // none either). The platform's root is a folder in Node (fetch() cannot read file:// URLs, so the emscripten
      // glue reads the SIMD binary with fs) and a URL in a browser; it ends with a separator.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(platformFiles().root('tfjs-wasm'));
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      // fall through to the CPU backend
    }
  }
  try {
    if (!(await tf.setBackend('cpu'))) throw new Error('tf.setBackend("cpu") returned false');
    await tf.ready();
    return 'cpu';
  } catch (err) {
    throw new LandmarksError('LANDMARKS_BACKEND_FAILED', `could not start a TensorFlow.js backend: ${String(err)}`, { cause: err });
  }
}

export { tf };
