/**
 * Which execution providers the neural networks try, and their graphs opened on the first that works, through the
 * platform's ONNX runtime (src/decoder/inference/onnx-sessions.ts): onnxruntime-node in Node, onnxruntime-web in a page.
 */
import {
  onnxSessions,
  openAllOnFirstWorkingProvider,
  type OnnxExecutionProvider,
  type OnnxSession,
  type OnnxSessions,
  type OnnxSessionTuning,
} from '../inference/onnx-sessions.js';
import { platformFiles } from '../../io/platform-files.js';
import { NeuralRendererError } from './neural-renderer-error.js';

/** Providers by onnxruntime's names: webgpu, cuda and cpu in Node; webgpu and wasm in a page. */
export type NeuralExecutionProvider = OnnxExecutionProvider;

/** Node's default order: webgpu (inside onnxruntime-node), cuda (needs the user's CUDA libraries), then the CPU. */
export const DEFAULT_PROVIDERS: readonly NeuralExecutionProvider[] = ['webgpu', 'cuda', 'cpu'];

/**
 * The runtime's GPU providers, then its default ones: Node's webgpu, cuda, cpu (DEFAULT_PROVIDERS); a page's webgpu
 * when it has an adapter, then wasm. The networks are heavy enough that a GPU is worth trying first.
 */
export async function defaultNeuralProviders(sessions: OnnxSessions): Promise<NeuralExecutionProvider[]> {
  const gpu = (await sessions.gpuProviders?.()) ?? [];
  return [...new Set([...gpu, ...(await sessions.defaultProviders())])];
}

/** Sessions opened on one provider, and why earlier providers were skipped. */
export interface OpenedSessions {
  provider: NeuralExecutionProvider;
  sessions: OnnxSession[];
  skipped: { provider: NeuralExecutionProvider; reason: string }[];
}

/**
 * Reads every graph in `modelLocations` (paths in Node, URLs in a page) and opens them all on one provider: the
 * first in `providers` (default `defaultNeuralProviders`) for which all of them open. `tuningFor` adds per-graph
 * settings (e.g. which outputs stay on the GPU).
 * @throws NeuralRendererError NEURAL_MODEL_MISSING when a graph cannot be read, NEURAL_NO_PROVIDER when no provider
 *   works, NEURAL_MODEL_INVALID when even the CPU cannot load a graph
 */
export async function openOnFirstProvider(
  modelLocations: readonly string[],
  providers: readonly NeuralExecutionProvider[] | undefined,
  tuningFor: (provider: NeuralExecutionProvider, modelIndex: number) => OnnxSessionTuning | undefined = () => undefined,
  sessions: OnnxSessions = onnxSessions(),
): Promise<OpenedSessions> {
  const models = await Promise.all(modelLocations.map(readGraph));
  return openAllOnFirstWorkingProvider(sessions, models, providers ?? (await defaultNeuralProviders(sessions)), tuningFor);
}

async function readGraph(location: string): Promise<Uint8Array> {
  try {
    return await platformFiles().read(location);
  } catch (cause) {
    throw new NeuralRendererError('NEURAL_MODEL_MISSING', `cannot read the graph ${location}`, { cause });
  }
}
