// Test files import core modules directly (not through src/index.ts): install Node's file access for them, as the
// `facecodec` entry does.
import '../../src/node/index.js';
