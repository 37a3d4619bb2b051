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
export { buildEyeRig, rigAperture, rigEyeFrame, setRigAperture, type EyeRigEye } from './eyelid-rig.js';
export { backgroundPlate, sampleMatte, type KeyframeLayers } from './background-layer.js';
export { paintMouthFromReference, type MouthInterior } from './mouth-cavity.js';
export { IrisPainter, type IrisDisc, type IrisPlacement } from './iris-painter.js';
export { RendererError, type RendererErrorCode } from './renderer-error.js';
