/**
 * The Node platform: importing this module installs disk file access for the core (the `facecodec` entry, the CLI
 * and the tests import it first). Node-only code lives in this folder.
 */
import { setPlatformFiles } from '../io/platform-files.js';
import { nodeFiles } from './node-files.js';

setPlatformFiles(nodeFiles);

export { nodeFiles };
