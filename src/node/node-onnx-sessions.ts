/** onnxruntime-node behind `OnnxSessions`; the native binding loads on the first session, not when facecodec is imported. */
import type * as Ort from 'onnxruntime-node';
import type { OnnxExecutionProvider, OnnxSession, OnnxSessions, OnnxTensor } from '../decoder/inference/onnx-sessions.js';
import { NeuralRendererError } from '../decoder/neural/neural-renderer-error.js';
import { nodeFiles } from './node-files.js';

let ort: typeof Ort | null = null;

async function runtime(): Promise<typeof Ort> {
  ort ??= await import('onnxruntime-node');
  return ort;
}

function onDevice(names: readonly string[]): Record<string, 'gpu-buffer'> {
  return Object.fromEntries(names.map((n) => [n, 'gpu-buffer' as const]));
}

export const nodeOnnxSessions: OnnxSessions = {
  runtime: 'onnxruntime-node',
  async defaultProviders() {
    return ['cpu'];
  },
  // webgpu ships inside onnxruntime-node (it fails to open without an adapter); cuda needs its library and CUDA.
  async gpuProviders() {
    return ['webgpu', 'cuda'];
  },
  async open(model, provider: OnnxExecutionProvider, tuning) {
    if (provider === 'wasm') throw new NeuralRendererError('NEURAL_NO_PROVIDER', "the wasm provider is onnxruntime-web's; Node has cpu");
    // Trying a provider whose library is missing makes the native side print an error; say so instead.
    if (provider === 'cuda' && !nodeFiles.exists!(nodeFiles.root('onnxruntime-cuda'))) throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'CUDA provider library not installed with onnxruntime-node');
    const o = await runtime();
    const session = await o.InferenceSession.create(model, {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      // A GPU provider that is missing is expected; its failure is reported by whoever tried it.
      logSeverityLevel: tuning?.logSeverityLevel ?? (provider === 'cpu' ? 2 : 4),
      ...(tuning?.logSeverityLevel !== undefined ? { logVerbosityLevel: 0 } : {}),
      ...(provider === 'webgpu' && tuning?.keepOutputsOnDevice?.length ? { preferredOutputLocation: onDevice(tuning.keepOutputsOnDevice) } : {}),
      ...(tuning?.threads !== undefined ? { intraOpNumThreads: tuning.threads, interOpNumThreads: 1, executionMode: 'sequential' as const } : {}),
    });
    return session as unknown as OnnxSession;
  },
  float32(data, dims) {
    // open() ran first, so the runtime is loaded.
    if (!ort) throw new Error('onnxruntime-node is not loaded yet: open a session first');
    return new ort.Tensor('float32', data, dims) as unknown as OnnxTensor;
  },
};
