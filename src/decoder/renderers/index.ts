/** Public surface of the frame renderers: the CPU mesh-warp renderer, its mesh topology type and its error. */
export {
  MeshWarpRenderer,
  meshWarpRendererOptionsSchema,
  type MeshWarpRendererOptions,
  type MeshWarpFrameInput,
  type MeshWarpFrameStats,
  type HeadMotion2d,
} from './mesh-warp-renderer.js';
export { validateWarpMesh, type WarpMesh } from './warp-mesh.js';
export { RendererError, type RendererErrorCode } from './renderer-error.js';
