/** Opens ONNX Runtime sessions on the first execution provider that works, in the caller's order, and says which. */
import * as ort from 'onnxruntime-node';
import { platformFiles } from '../../io/platform-files.js';
import { NeuralRendererError } from './neural-renderer-error.js';

/**
 * Whether onnxruntime-node's CUDA provider library is installed beside its binding. The npm package ships without it
 * (its install script would download it), and trying a missing provider makes the native side print an error.
 */
function cudaProviderInstalled(): boolean {
  try {
    const files = platformFiles();
    return files.exists?.(files.root('onnxruntime-cuda')) ?? false;
  } catch {
    return false;
  }
}

/** Providers the renderer knows: 'webgpu' ships inside onnxruntime-node, 'cuda' needs the user's CUDA libraries. */
export type NeuralExecutionProvider = 'webgpu' | 'cuda' | 'cpu';

export const DEFAULT_PROVIDERS: readonly NeuralExecutionProvider[] = ['webgpu', 'cuda', 'cpu'];

/** Sessions opened on one provider, and why earlier providers were skipped. */
export interface OpenedSessions {
  provider: NeuralExecutionProvider;
  sessions: ort.InferenceSession[];
  skipped: { provider: NeuralExecutionProvider; reason: string }[];
}

/**
 * Opens every model in `modelPaths` on one provider: the first in `providers` for which all of them open.
 * `optionsFor` adds per-model session options (e.g. where outputs should stay).
 * @throws NeuralRendererError NEURAL_NO_PROVIDER when none works, NEURAL_MODEL_INVALID when even the CPU cannot load
 */
export async function openOnFirstProvider(
  modelPaths: readonly string[],
  providers: readonly NeuralExecutionProvider[],
  optionsFor: (provider: NeuralExecutionProvider, modelIndex: number) => ort.InferenceSession.SessionOptions = () => ({}),
): Promise<OpenedSessions> {
  if (providers.length === 0) throw new NeuralRendererError('NEURAL_NO_PROVIDER', 'no execution provider requested');
  const skipped: OpenedSessions['skipped'] = [];
  for (const provider of providers) {
    if (provider === 'cuda' && !cudaProviderInstalled()) {
      skipped.push({ provider, reason: 'CUDA provider library not installed with onnxruntime-node' });
      continue;
    }
    const sessions: ort.InferenceSession[] = [];
    try {
      for (let i = 0; i < modelPaths.length; i++) {
        sessions.push(
          await ort.InferenceSession.create(modelPaths[i], {
            executionProviders: [provider],
            graphOptimizationLevel: 'all',
            // A provider that is missing is expected here; its load failure is reported through `skipped`.
            logSeverityLevel: provider === 'cpu' ? 2 : 4,
            ...optionsFor(provider, i),
          }),
        );
      }
      return { provider, sessions, skipped };
    } catch (cause) {
      await Promise.all(sessions.map((s) => s.release()));
      const reason = firstLine(cause);
      if (provider === 'cpu') {
        throw new NeuralRendererError('NEURAL_MODEL_INVALID', `ONNX Runtime cannot load the model on the CPU: ${reason}`, { cause });
      }
      skipped.push({ provider, reason });
    }
  }
  throw new NeuralRendererError(
    'NEURAL_NO_PROVIDER',
    `no execution provider could open the model: ${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')}`,
  );
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].slice(0, 300);
}
