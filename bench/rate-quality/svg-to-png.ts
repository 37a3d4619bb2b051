/**
 * Rasterising the plot: ffmpeg's librsvg decoder (Debian's ffmpeg is built with --enable-librsvg), so the PNG needs
 * no tool beyond the ffmpeg every other step already uses, and text is drawn by a real SVG renderer.
 */
import { FFMPEG, runTool } from './run-tool.js';

/**
 * Renders `svgPath` to `pngPath` at the SVG's own size.
 * @throws BenchError BENCH_ENCODER_FAILED when this ffmpeg has no SVG decoder or the SVG is invalid.
 */
export async function svgToPng(svgPath: string, pngPath: string): Promise<void> {
  await runTool(FFMPEG, ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', svgPath, '-frames:v', '1', '-update', '1', pngPath], `rasterising ${svgPath}`);
}
