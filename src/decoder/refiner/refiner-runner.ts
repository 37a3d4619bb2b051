/** What runs the refinement network: onnxruntime-node in Node (onnx-refiner-runner.ts), onnxruntime-web in a browser. */
export interface RefinerRunner {
  /** Where it runs, for reports (e.g. `cpu`, `webgpu`). */
  readonly provider: string;
  /** The refined frame (3 planes, 0..1) of one input (REFINER_INPUT_CHANNELS planes of width x height). */
  run(input: Float32Array, width: number, height: number): Promise<Float32Array>;
  close(): Promise<void>;
}
