/** Loads @vladmandic/face-api's Node/WASM build on the installed tfjs-core + tfjs-backend-wasm, once per process. */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { MetricsError } from './metrics-error.js';
import { installTensorMethods } from './tensor-method-shim.js';

/** A point as face-api returns it (image pixels once shifted into the image). */
export interface FaceApiPoint {
  readonly x: number;
  readonly y: number;
}

/** A box in image pixels. */
export interface FaceApiBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One detector hit. */
export interface FaceApiDetection {
  readonly score: number;
  readonly box: FaceApiBox;
}

/** 68 landmarks; `positions` are in the pixels of the image the net saw, offset by the last `shiftBy`. */
export interface FaceApiLandmarks {
  readonly positions: readonly FaceApiPoint[];
  shiftBy(x: number, y: number): FaceApiLandmarks;
}

/** What every face-api network shares: weights loaded from a folder, freed by `dispose`. */
export interface FaceApiNet {
  readonly isLoaded: boolean;
  loadFromDisk(modelDir: string): Promise<void>;
  dispose(throwOnRedispose?: boolean): void;
}

/** The parts of face-api the metrics use; typed here because its bundled .d.ts carries its own copy of tfjs types. */
export interface FaceApi {
  TinyFaceDetector: new () => FaceApiNet & {
    locateFaces(input: tf.Tensor3D, options: unknown): Promise<FaceApiDetection[]>;
  };
  TinyFaceDetectorOptions: new (options: { inputSize: number; scoreThreshold: number }) => unknown;
  FaceLandmark68Net: new () => FaceApiNet & { detectLandmarks(face: tf.Tensor3D): Promise<FaceApiLandmarks> };
  FaceRecognitionNet: new () => FaceApiNet & { computeFaceDescriptor(face: tf.Tensor3D): Promise<Float32Array> };
  FaceExpressionNet: new () => FaceApiNet & { predictExpressions(face: tf.Tensor3D): Promise<Record<string, number>> };
  Rect: new (x: number, y: number, width: number, height: number) => FaceApiBox;
  extractFaceTensors(image: tf.Tensor3D, boxes: readonly unknown[]): Promise<tf.Tensor3D[]>;
  readonly FACE_EXPRESSION_LABELS: readonly string[];
}

/** face-api plus the tfjs-core instance it runs on (tensors fed to face-api must be made with this `tf`). */
export interface FaceApiRuntime {
  readonly faceapi: FaceApi;
  readonly tf: typeof tf;
  /** Folder holding the weight manifests and shards shipped inside the face-api package. */
  readonly bundledModelDir: string;
}

let loading: Promise<FaceApiRuntime> | null = null;

/**
 * Returns the process-wide face-api runtime, loading it on first use. The library itself is stateless for us (each
 * FaceEvaluator owns its networks); what is shared is tfjs's one global backend, which this makes `wasm` unless it
 * already is (the SDK's landmark code selects the same backend).
 * @throws MetricsError METRICS_MODEL_LOAD_FAILED when face-api or the WASM backend cannot start.
 */
export function loadFaceApi(): Promise<FaceApiRuntime> {
  loading ??= load().catch((err: unknown) => {
    loading = null;
    throw err instanceof MetricsError ? err : new MetricsError('METRICS_MODEL_LOAD_FAILED', `could not load face-api: ${String(err)}`, { cause: err });
  });
  return loading;
}

async function load(): Promise<FaceApiRuntime> {
  const require = createRequire(import.meta.url);
  const faceapi = evaluateNodeWasmBuild(require.resolve('@vladmandic/face-api/dist/face-api.node-wasm.js'));
  installTensorMethods(tf);
  if (tf.getBackend() !== 'wasm') {
    // Threads need a worker-based build that does not run in Node; fetch() cannot read file:// URLs, so point the
    // emscripten loader at the package folder, which it then reads with fs.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    tfWasm.setWasmPaths(wasmDir + path.sep);
    if (!(await tf.setBackend('wasm'))) {
      throw new MetricsError('METRICS_MODEL_LOAD_FAILED', 'tfjs WASM backend failed to initialise');
    }
    await tf.ready();
  }
  const bundledModelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  return { faceapi, tf, bundledModelDir };
}

/**
 * Runs face-api's CommonJS `face-api.node-wasm.js` with a `require` that answers its imports from the modules this SDK
 * already uses. That build asks for the umbrella `@tensorflow/tfjs` package (not installed; its tfjs-node sibling does
 * not build here); tfjs-core provides every op it calls, and sharing our instance keeps one tfjs engine per process.
 */
function evaluateNodeWasmBuild(file: string): FaceApi {
  const provided: Record<string, unknown> = {
    '@tensorflow/tfjs': tf,
    '@tensorflow/tfjs-backend-wasm': tfWasm,
    fs,
  };
  const mappedRequire = (id: string): unknown => {
    if (id in provided) return provided[id];
    throw new Error(`face-api.node-wasm.js asked for an unexpected module '${id}'`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const source = `${fs.readFileSync(file, 'utf8')}\n//# sourceURL=${file}`;
  // Same wrapper arguments Node gives a CommonJS module; face-api's isNodejs() checks for `require` and `module`.
  const run = new Function('exports', 'require', 'module', '__filename', '__dirname', source) as (
    exports: unknown, require: unknown, module: unknown, filename: string, dirname: string,
  ) => void;
  run(module.exports, mappedRequire, module, file, path.dirname(file));
  return module.exports as unknown as FaceApi;
}
