/** Types for needs-shared.mjs (plain JavaScript so that jest.config.js can import it). */
export function sharedDirFor(root: string): string;
export function testFilesUnder(dir: string): string[];
export function needsShared(path: string): boolean;
