/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The ONNX runtime seam in Node: the Node entry installs onnxruntime-node, a provider this platform lacks is skipped
 * (and alone is NEURAL_NO_PROVIDER), and the refiner opens on whichever provider takes it.
 */
import { onnxSessions, openOnFirstWorkingProvider } from '../../src/decoder/inference/onnx-sessions.js';
import { OnnxRefinerRunner } from '../../src/decoder/refiner/onnx-refiner-runner.js';
import { defaultNeuralProviders, DEFAULT_PROVIDERS } from '../../src/decoder/neural/index.js';
import { nodeOnnxSessions } from '../../src/node/node-onnx-sessions.js';
import { isSoftwareAdapter } from '../../src/browser/web-onnx-sessions.js';

test('the Node entry installs onnxruntime-node, CPU by default', async () => {
  expect(onnxSessions()).toBe(nodeOnnxSessions);
  expect(await nodeOnnxSessions.defaultProviders()).toEqual(['cpu']);
});

test("a provider Node lacks is skipped, and alone is NEURAL_NO_PROVIDER, not a bad model", async () => {
  const runner = await OnnxRefinerRunner.create({ providers: ['wasm', 'cpu'] });
  expect(runner.provider).toBe('cpu');
  await runner.close();
  await expect(OnnxRefinerRunner.create({ providers: ['wasm'] })).rejects.toMatchObject({ code: 'NEURAL_NO_PROVIDER', message: expect.stringMatching(/wasm/) });
  await expect(openOnFirstWorkingProvider(nodeOnnxSessions, new Uint8Array([1, 2, 3]), ['cpu'])).rejects.toMatchObject({ code: 'NEURAL_MODEL_INVALID' });
  await expect(openOnFirstWorkingProvider(nodeOnnxSessions, new Uint8Array(0), [])).rejects.toMatchObject({ code: 'NEURAL_NO_PROVIDER' });
});

test('the neural networks try the GPU providers first: webgpu, cuda, cpu in Node; a runtime without GPUs its defaults', async () => {
  expect(await defaultNeuralProviders(nodeOnnxSessions)).toEqual([...DEFAULT_PROVIDERS]);
  const pageWithoutAdapter = { ...nodeOnnxSessions, runtime: 'fake-web', defaultProviders: async () => ['wasm'] as const, gpuProviders: async () => [] };
  expect(await defaultNeuralProviders(pageWithoutAdapter)).toEqual(['wasm']);
  const { gpuProviders: _none, ...noGpuMethod } = nodeOnnxSessions;
  expect(await defaultNeuralProviders(noGpuMethod)).toEqual(['cpu']);
});

test('a page takes a software WebGPU adapter (flagged, or SwiftShader) only when asked for it by name', () => {
  expect(isSoftwareAdapter('google swiftshader', undefined)).toBe(true);
  expect(isSoftwareAdapter('GOOGLE SwiftShader', false)).toBe(true);
  expect(isSoftwareAdapter('some vendor', true)).toBe(true);
  expect(isSoftwareAdapter('nvidia ampere', false)).toBe(false);
  expect(isSoftwareAdapter('webgpu', undefined)).toBe(false);
});
