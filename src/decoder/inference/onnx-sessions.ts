/**
 * The seam between facecodec's networks and an ONNX runtime: onnxruntime-node in Node (src/node/), onnxruntime-web in
 * a browser (src/browser/), the same InferenceSession API behind both. A network receives an `OnnxSessions` and never
 * imports a runtime, so the core stays platform-neutral and a page bundles none of Node's native binding.
 */
import { NeuralRendererError } from '../neural/neural-renderer-error.js';

/** Execution providers by onnxruntime's names: `cpu` and `cuda` in Node, `wasm` in a browser, `webgpu` in both. */
export type OnnxExecutionProvider = 'webgpu' | 'cuda' | 'cpu' | 'wasm';

/** The part of an onnxruntime Tensor the networks read. */
export interface OnnxTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

/** One graph opened on one provider. */
export interface OnnxSession {
  run(feeds: Record<string, OnnxTensor>): Promise<Record<string, OnnxTensor>>;
  release(): Promise<void>;
}

/** Per-session settings a network may ask for. */
export interface OnnxSessionTuning {
  /** CPU threads inside one operator (Node's cpu provider; a page's wasm threads are set once per page). */
  threads?: number;
}

/** Opens sessions on one platform's runtime. */
export interface OnnxSessions {
  /** `onnxruntime-node` or `onnxruntime-web`, for reports. */
  readonly runtime: string;
  /**
   * Providers to try when a network is not told, best first: Node's CPU (the small networks are sized for one core;
   * WebGPU and CUDA are opt-in there), a page's WebGPU when `navigator.gpu` gives an adapter, then wasm.
   */
  defaultProviders(): Promise<readonly OnnxExecutionProvider[]>;
  /**
   * Opens the ONNX bytes `model` on `provider`; rejects with NeuralRendererError NEURAL_NO_PROVIDER when this platform
   * has no such provider (or no device for it), with the runtime's own error when the provider cannot load the graph.
   */
  open(model: Uint8Array, provider: OnnxExecutionProvider, tuning?: OnnxSessionTuning): Promise<OnnxSession>;
  /** A float32 tensor of this runtime (sessions take only their own runtime's tensors). */
  float32(data: Float32Array, dims: readonly number[]): OnnxTensor;
}

let installed: OnnxSessions | null = null;

/** Installs the platform's runtime (the Node entry does on import; a page's `configureAssets` does). */
export function setOnnxSessions(sessions: OnnxSessions): void {
  installed = sessions;
}

/** The installed runtime. @throws NeuralRendererError NEURAL_NO_PROVIDER when no platform entry installed one. */
export function onnxSessions(): OnnxSessions {
  if (!installed) {
    throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'no ONNX runtime installed: import "facecodec" in Node, or call configureAssets() from "facecodec/browser"');
  }
  return installed;
}

/** A session and the provider it opened on, with why earlier providers were passed over. */
export interface OpenedOnnxSession {
  session: OnnxSession;
  provider: OnnxExecutionProvider;
  skipped: { provider: OnnxExecutionProvider; reason: string }[];
}

/**
 * Opens `model` on the first of `providers` that takes it.
 * @throws NeuralRendererError NEURAL_NO_PROVIDER when none does (NEURAL_MODEL_INVALID when even a CPU provider cannot)
 */
export async function openOnFirstWorkingProvider(
  sessions: OnnxSessions,
  model: Uint8Array,
  providers: readonly OnnxExecutionProvider[],
  tuning?: OnnxSessionTuning,
): Promise<OpenedOnnxSession> {
  if (providers.length === 0) throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'no execution provider requested');
  const skipped: OpenedOnnxSession['skipped'] = [];
  for (const provider of providers) {
    try {
      return { session: await sessions.open(model, provider, tuning), provider, skipped };
    } catch (cause) {
      const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0].slice(0, 300);
      const unavailable = cause instanceof NeuralRendererError && cause.code === 'NEURAL_NO_PROVIDER';
      // The CPU providers run every operator: failing there means the graph itself is bad.
      if (!unavailable && (provider === 'cpu' || provider === 'wasm')) {
        throw new NeuralRendererError('NEURAL_MODEL_INVALID', `${sessions.runtime} cannot load the model on ${provider}: ${reason}`, { cause });
      }
      skipped.push({ provider, reason });
    }
  }
  throw new NeuralRendererError('NEURAL_NO_PROVIDER', `no execution provider could open the model: ${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')}`);
}
