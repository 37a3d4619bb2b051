/** Distances between face-api's identity descriptors (AED) and expression probability vectors (AEMOD). */
import { MetricsError } from './metrics-error.js';

/** Length of face-api's face-recognition descriptor. */
export const DESCRIPTOR_LENGTH = 128;
/** Length of face-api's expression vector; order given by {@link EXPRESSION_LABELS}. */
export const EXPRESSION_LENGTH = 7;
/** Order of the expression vector: face-api's `FACE_EXPRESSION_LABELS`. */
export const EXPRESSION_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

function euclidean(a: Float32Array, b: Float32Array, length: number, what: string): number {
  if (a.length !== length || b.length !== length) {
    throw new MetricsError('METRICS_BAD_ARGUMENT', `${what} vectors must hold ${length} values, got ${a.length} and ${b.length}`);
  }
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/**
 * AED: Euclidean distance between two 128-d face-api descriptors (a ResNet-34-style face-recognition net, the same
 * metric face-api's `FaceMatcher` uses). Euclidean rather than 1-cosine because the descriptors are trained for it
 * and it keeps face-api's published operating point: below ~0.6 is usually the same person.
 * @throws MetricsError METRICS_BAD_ARGUMENT when a vector is not 128 long.
 */
export function aed(refDescriptor: Float32Array, outDescriptor: Float32Array): number {
  return euclidean(refDescriptor, outDescriptor, DESCRIPTOR_LENGTH, 'descriptor');
}

/**
 * AEMOD: L2 distance between two 7-d expression probability vectors (softmax outputs, each summing to 1), so the
 * range is [0, sqrt(2)]: 0 for identical predictions, sqrt(2) for two different certain expressions.
 * @throws MetricsError METRICS_BAD_ARGUMENT when a vector is not 7 long.
 */
export function aemod(refExpression: Float32Array, outExpression: Float32Array): number {
  return euclidean(refExpression, outExpression, EXPRESSION_LENGTH, 'expression');
}
