/**
 * Tests that may skip in CI (scripts/check-test-results.ts fails the run on any other skip).
 *
 * CI installs everything the suites probe for (scripts/setup.sh: ffmpeg, numpy, torch and onnx, chromium, openssl
 * comes with Debian), so none of today's conditional skips is allowed there: a missing install step must fail CI
 * instead of silently dropping, say, the ONNX/PyTorch parity tests. Add an entry only for something CI cannot
 * have, such as a suite that needs a GPU or a lent device, with the reason. Suites marked `// @needs-shared` skip
 * only when ../shared is absent; with it present they may never skip, whatever this list says.
 */
import type { AllowedSkip } from '../scripts/test-skips.js';

export const ALLOWED_SKIPS: readonly AllowedSkip[] = [];
