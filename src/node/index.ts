/**
 * The Node platform: importing this module installs disk file access and onnxruntime-node for the core (the
 * `facecodec` entry, the CLI and the tests import it first). Node-only code lives in this folder.
 */
import { setOnnxSessions } from '../decoder/inference/onnx-sessions.js';
import { setPlatformFiles } from '../io/platform-files.js';
import { nodeFiles } from './node-files.js';
import { nodeOnnxSessions } from './node-onnx-sessions.js';

setPlatformFiles(nodeFiles);
setOnnxSessions(nodeOnnxSessions);

export { nodeFiles, nodeOnnxSessions };
