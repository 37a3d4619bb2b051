/** Node's default folder of the exported neural networks (the package's models/neural), as a constant for CLIs and benches. */
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export const DEFAULT_NEURAL_MODEL_DIR = path.join(PACKAGE_ROOT, 'models', 'neural');
