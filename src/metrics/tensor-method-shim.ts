/** Adds the chained tensor methods (`t.as3D()`, `t.sub(x)`, ...) that face-api calls but tfjs-core alone does not define. */
import type * as TfCore from '@tensorflow/tfjs-core';

/**
 * Methods that are plain `op(this, ...args)` forwards of the tfjs-core op of the same name. The umbrella
 * `@tensorflow/tfjs` package registers these on import; we only install tfjs-core, so face-api would hit
 * "t.as3D is not a function" without them.
 */
const FORWARDED_OPS = [
  'abs', 'acos', 'acosh', 'add', 'all', 'any', 'argMax', 'argMin', 'asin', 'asinh', 'atan', 'atan2', 'atanh',
  'batchNorm', 'batchToSpaceND', 'broadcastTo', 'cast', 'ceil', 'clipByValue', 'conv1d', 'conv2d', 'cos', 'cosh',
  'cumprod', 'cumsum', 'depthToSpace', 'div', 'divNoNan', 'dot', 'elu', 'equal', 'erf', 'euclideanNorm', 'exp',
  'expandDims', 'expm1', 'fft', 'floor', 'floorDiv', 'gather', 'greater', 'greaterEqual', 'ifft', 'irfft', 'isFinite',
  'isInf', 'isNaN', 'leakyRelu', 'less', 'lessEqual', 'log', 'log1p', 'logSigmoid', 'logSoftmax', 'logSumExp',
  'logicalAnd', 'logicalNot', 'logicalOr', 'logicalXor', 'matMul', 'max', 'maximum', 'mean', 'min', 'minimum',
  'mirrorPad', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'onesLike', 'pad', 'pool', 'pow', 'prelu', 'prod',
  'reciprocal', 'relu', 'relu6', 'reshape', 'reverse', 'rfft', 'round', 'rsqrt', 'selu', 'sigmoid', 'sign', 'sin',
  'sinh', 'slice', 'softmax', 'softplus', 'spaceToBatchND', 'split', 'sqrt', 'square', 'squaredDifference', 'squeeze',
  'step', 'stridedSlice', 'sub', 'sum', 'tan', 'tanh', 'tile', 'topk', 'transpose', 'unique', 'unstack', 'zerosLike',
] as const;

type AnyFn = (...args: unknown[]) => unknown;

/**
 * Installs the missing chained methods on tfjs-core's global Tensor class. Idempotent, and it never replaces a method
 * that is already there, so a process that also loads the umbrella package keeps tfjs's own versions.
 */
export function installTensorMethods(tf: typeof TfCore): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, AnyFn>;
  const ops = tf as unknown as Record<string, AnyFn | undefined>;
  const define = (name: string, fn: AnyFn): void => {
    if (!(name in proto)) Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  };
  for (const name of FORWARDED_OPS) {
    const op = ops[name];
    if (typeof op === 'function') {
      define(name, function (this: TfCore.Tensor, ...args: unknown[]) {
        return op(this, ...args);
      });
    }
  }
  // The few whose body is not a same-name forward.
  const reshapeTo = function (this: TfCore.Tensor, ...shape: number[]) {
    return tf.reshape(this, shape);
  };
  define('as1D', function (this: TfCore.Tensor) {
    return tf.reshape(this, [this.size]);
  });
  for (const name of ['as2D', 'as3D', 'as4D', 'as5D']) define(name, reshapeTo as AnyFn);
  define('asScalar', function (this: TfCore.Tensor) {
    return tf.reshape(this, []);
  });
  define('flatten', function (this: TfCore.Tensor) {
    return tf.reshape(this, [this.size]);
  });
  define('reshapeAs', function (this: TfCore.Tensor, x: TfCore.Tensor) {
    return tf.reshape(this, x.shape);
  } as AnyFn);
  define('asType', function (this: TfCore.Tensor, dtype: TfCore.DataType) {
    return tf.cast(this, dtype);
  } as AnyFn);
  define('toFloat', function (this: TfCore.Tensor) {
    return tf.cast(this, 'float32');
  });
  define('toInt', function (this: TfCore.Tensor) {
    return tf.cast(this, 'int32');
  });
  define('toBool', function (this: TfCore.Tensor) {
    return tf.cast(this, 'bool');
  });
  define('concat', function (this: TfCore.Tensor, x: TfCore.Tensor | TfCore.Tensor[], axis?: number) {
    return tf.concat([this, ...(Array.isArray(x) ? x : [x])], axis);
  } as AnyFn);
  define('stack', function (this: TfCore.Tensor, x: TfCore.Tensor | TfCore.Tensor[], axis?: number) {
    return tf.stack([this, ...(Array.isArray(x) ? x : [x])], axis);
  } as AnyFn);
  define('where', function (this: TfCore.Tensor, condition: TfCore.Tensor, x: TfCore.Tensor) {
    return tf.where(condition, this, x);
  } as AnyFn);
}
