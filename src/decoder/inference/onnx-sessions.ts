/**
 * The seam between facecodec's networks and an ONNX runtime: onnxruntime-node in Node (src/node/), onnxruntime-web in
 * a browser (src/browser/), the same InferenceSession API behind both. A network receives an `OnnxSessions` and never
 * imports a runtime, so the core stays platform-neutral and a page bundles none of Node's native binding.
 */
import { NeuralRendererError } from '../neural/neural-renderer-error.js';

/** Execution providers by onnxruntime's names: `cpu` and `cuda` in Node, `wasm` in a browser, `webgpu` in both. */
export type OnnxExecutionProvider = 'webgpu' | 'cuda' | 'cpu' | 'wasm';

/** Where a tensor's values are: `cpu`, or a runtime's device memory (`gpu-buffer` on WebGPU). */
export type OnnxDataLocation = 'cpu' | 'cpu-pinned' | 'texture' | 'gpu-buffer' | 'ml-tensor';

/** The part of an onnxruntime Tensor the networks read. */
export interface OnnxTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
  /** Absent or `cpu` when `data` holds the values; else `getData` downloads them. */
  readonly location?: OnnxDataLocation;
  /** The values wherever they are; `releaseData` frees the device copy. */
  getData?(releaseData?: boolean): Promise<unknown>;
  /** Frees a device-side tensor (a no-op on CPU tensors). */
  dispose?(): void;
}

/** One graph opened on one provider. */
export interface OnnxSession {
  /** The graph's input and output names, in the graph's order. */
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OnnxTensor>): Promise<Record<string, OnnxTensor>>;
  release(): Promise<void>;
}

/** Per-session settings a network may ask for. */
export interface OnnxSessionTuning {
  /** CPU threads inside one operator (Node's cpu provider; a page's wasm threads are set once per page). */
  threads?: number;
  /** Outputs to leave in device memory on a GPU provider (a value fed back every run); ignored on CPU providers. */
  keepOutputsOnDevice?: readonly string[];
  /** The runtime's log level for this session (0 verbose: which provider each node runs on; default quiet). */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
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
   * GPU providers worth trying first for a network too heavy for a CPU (the neural renderer): Node's webgpu and cuda
   * (each skipped with its reason where absent), a page's webgpu when it has an adapter. Absent: none.
   */
  gpuProviders?(): Promise<readonly OnnxExecutionProvider[]>;
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
  const opened = await openAllOnFirstWorkingProvider(sessions, [model], providers, () => tuning);
  return { session: opened.sessions[0], provider: opened.provider, skipped: opened.skipped };
}

/** Sessions of several graphs on one provider, with why earlier providers were passed over. */
export interface OpenedOnnxSessions {
  sessions: OnnxSession[];
  provider: OnnxExecutionProvider;
  skipped: { provider: OnnxExecutionProvider; reason: string }[];
}

/**
 * Opens every graph of `models` on one provider: the first of `providers` that takes all of them (graphs that feed
 * each other must share a device). `tuningFor` gives each graph's settings on a provider.
 * @throws NeuralRendererError NEURAL_NO_PROVIDER when none does (NEURAL_MODEL_INVALID when even a CPU provider cannot)
 */
export async function openAllOnFirstWorkingProvider(
  sessions: OnnxSessions,
  models: readonly Uint8Array[],
  providers: readonly OnnxExecutionProvider[],
  tuningFor: (provider: OnnxExecutionProvider, modelIndex: number) => OnnxSessionTuning | undefined = () => undefined,
): Promise<OpenedOnnxSessions> {
  if (providers.length === 0) throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'no execution provider requested');
  const skipped: OpenedOnnxSessions['skipped'] = [];
  for (const provider of providers) {
    const opened: OnnxSession[] = [];
    try {
      for (let i = 0; i < models.length; i++) opened.push(await sessions.open(models[i], provider, tuningFor(provider, i)));
      return { sessions: opened, provider, skipped };
    } catch (cause) {
      await Promise.all(opened.map((s) => s.release()));
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
