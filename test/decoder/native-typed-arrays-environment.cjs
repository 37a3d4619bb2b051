/**
 * Jest environment for tests that run onnxruntime-node: the native binding creates typed arrays in Node's own realm,
 * and ONNX Runtime checks them with `instanceof` against the test sandbox's constructors, which fails. Sharing the
 * outer realm's typed-array constructors with the sandbox makes both sides agree.
 */
const { TestEnvironment } = require('jest-environment-node');

const TYPED = [
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint8ClampedArray',
  'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer',
];

class NativeTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED) this.global[name] = globalThis[name];
  }
}

module.exports = NativeTypedArraysEnvironment;
