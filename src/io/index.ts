/** Safe readers for numpy and pickle model files. */
export { ModelAssetError, type ModelAssetErrorCode } from './model-asset-error.js';
export { NdArray, type NpDtype, type NdData, toFloat32, toFloat64, toInt32, expectShape } from './nd-array.js';
export { parseNpy, parseNpyHeader, type NpyHeader } from './npy-reader.js';
export { readNpyObject } from './npy-object.js';
export { parseNpz } from './npz-reader.js';
export { unpickle, asPyDict, pyDictArray, ObjectArray, PyDtype, PyGlobal, type PyValue, type PyKey, type UnpickleOptions } from './pickle-reader.js';
export { SparseMatrix } from './sparse-matrix.js';
