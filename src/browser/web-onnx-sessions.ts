/**
 * onnxruntime-web behind `OnnxSessions`: the runtime loads as its own chunk on the first session, its .wasm from the
 * page's `onnxruntime-web` asset folder (configureAssets' `onnxWasmUrl`). WebGPU by default when `navigator.gpu` gives a
 * hardware adapter, else the wasm CPU provider (headless Chromium's adapter is SwiftShader: right, not fast, so it is
 * used only when asked for by name).
 */
import type * as Ort from 'onnxruntime-web';
import type { OnnxExecutionProvider, OnnxSession, OnnxSessions, OnnxTensor } from '../decoder/inference/onnx-sessions.js';
import { NeuralRendererError } from '../decoder/neural/neural-renderer-error.js';
import { platformFiles } from '../io/platform-files.js';

type Gpu = {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean } } | null>;
};

let ort: typeof Ort | null = null;

async function runtime(): Promise<typeof Ort> {
  if (ort) return ort;
  // The WebGPU build also holds the wasm provider: one runtime for both.
  const o = (await import('onnxruntime-web/webgpu')) as typeof Ort;
  o.env.wasm.wasmPaths = platformFiles().root('onnxruntime-web');
  // Threads need cross-origin isolation (COOP/COEP); without it ort would warn and fall back to one anyway.
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) o.env.wasm.numThreads = 1;
  ort = o;
  return o;
}

let adapter: Promise<{ name: string; software: boolean } | null> | null = null;

/**
 * Whether an adapter is a CPU emulation of a GPU: the browser says so (`isFallbackAdapter`), or it is SwiftShader,
 * which some Chromium builds do not flag. On it the refiner took 6-10 s a frame against 58-104 ms on wasm.
 */
export function isSoftwareAdapter(name: string, flagged: boolean | undefined): boolean {
  return flagged === true || /swiftshader/i.test(name);
}

async function probeAdapter(): Promise<{ name: string; software: boolean } | null> {
  adapter ??= (async () => {
    const gpu = (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
    if (!gpu) return null;
    try {
      const a = await gpu.requestAdapter();
      if (!a) return null;
      const name = `${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''}`.trim() || 'webgpu';
      return { name, software: isSoftwareAdapter(name, a.info?.isFallbackAdapter ?? a.isFallbackAdapter) };
    } catch {
      return null;
    }
  })();
  return adapter;
}

/** The page's WebGPU adapter as "vendor architecture" (e.g. "google swiftshader"), or null when it has none. */
export async function webGpuAdapter(): Promise<string | null> {
  return (await probeAdapter())?.name ?? null;
}

export const webOnnxSessions: OnnxSessions = {
  runtime: 'onnxruntime-web',
  async defaultProviders() {
    // A software adapter is asked for by name only (`providers: ['webgpu']`): by default it would be 100x slower.
    const a = await probeAdapter();
    return a && !a.software ? ['webgpu', 'wasm'] : ['wasm'];
  },
  async gpuProviders() {
    const a = await probeAdapter();
    return a && !a.software ? ['webgpu'] : [];
  },
  async open(model, provider: OnnxExecutionProvider, tuning) {
    if (provider === 'cpu' || provider === 'cuda') throw new NeuralRendererError('NEURAL_NO_PROVIDER', `onnxruntime-web has no ${provider} provider (wasm is its CPU one)`);
    if (provider === 'webgpu' && !(await webGpuAdapter())) throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'navigator.gpu gives no adapter');
    const o = await runtime();
    // In its default NHWC layout onnxruntime-web 1.31.1's WebGPU provider gets the refiner's first convolution (9 input
    // channels, 3x3, stride 2) wrong: outputs up to 0.5 off the CPU's, on SwiftShader. In NCHW it matches to 3e-7.
    const ep = provider === 'webgpu' ? { name: 'webgpu', preferredLayout: 'NCHW' as const } : provider;
    const keep = provider === 'webgpu' ? (tuning?.keepOutputsOnDevice ?? []) : [];
    const session = await o.InferenceSession.create(model, {
      executionProviders: [ep],
      graphOptimizationLevel: 'all',
      ...(tuning?.logSeverityLevel !== undefined ? { logSeverityLevel: tuning.logSeverityLevel, logVerbosityLevel: 0 } : {}),
      ...(keep.length ? { preferredOutputLocation: Object.fromEntries(keep.map((n) => [n, 'gpu-buffer' as const])) } : {}),
    });
    return session as unknown as OnnxSession;
  },
  float32(data, dims) {
    if (!ort) throw new Error('onnxruntime-web is not loaded yet: open a session first');
    return new ort.Tensor('float32', data, dims) as unknown as OnnxTensor;
  },
};
