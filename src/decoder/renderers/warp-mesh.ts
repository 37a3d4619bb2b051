/** The mesh topology a warping renderer needs: triangles plus the loops of the face's openings (mouth, eyes). */
import { RendererError } from './renderer-error.js';

/**
 * Triangle mesh topology shared by the keyframe and every rendered frame; only vertex positions change per frame.
 * All entries index into the vertex arrays (`N*3` floats) given with each frame.
 */
export interface WarpMesh {
  /** `T*3` vertex indices, one triangle per triple; winding must be consistent (front faces share one orientation). */
  readonly triangles: Uint32Array;
  /** Inner lip contour, in order around the mouth opening (a polygon); enables the synthetic mouth cavity and fills the mouth hole. */
  readonly innerMouthLoop?: Uint32Array;
  /** Each eye's lid contour, in order (a polygon); fills eye holes of meshes that have them. */
  readonly eyeLoops?: readonly Uint32Array[];
}

/** Smallest polygon a loop can describe. */
const MIN_LOOP_VERTICES = 3;

/**
 * Checks a mesh against a vertex count; throws {@link RendererError} `RENDER_BAD_MESH` naming the first bad entry.
 * Linear in the index count, cheap enough to run on every frame.
 */
export function validateWarpMesh(mesh: WarpMesh, vertexCount: number): void {
  if (!(mesh?.triangles instanceof Uint32Array)) {
    throw new RendererError('RENDER_BAD_MESH', 'mesh.triangles must be a Uint32Array');
  }
  if (mesh.triangles.length % 3 !== 0) {
    throw new RendererError('RENDER_BAD_MESH', `mesh.triangles length ${mesh.triangles.length} is not a multiple of 3`);
  }
  checkIndices('mesh.triangles', mesh.triangles, vertexCount);
  if (mesh.innerMouthLoop !== undefined) checkLoop('mesh.innerMouthLoop', mesh.innerMouthLoop, vertexCount);
  if (mesh.eyeLoops !== undefined) {
    if (!Array.isArray(mesh.eyeLoops)) throw new RendererError('RENDER_BAD_MESH', 'mesh.eyeLoops must be an array of Uint32Array');
    mesh.eyeLoops.forEach((loop, i) => checkLoop(`mesh.eyeLoops[${i}]`, loop, vertexCount));
  }
}

function checkLoop(name: string, loop: Uint32Array, vertexCount: number): void {
  if (!(loop instanceof Uint32Array)) throw new RendererError('RENDER_BAD_MESH', `${name} must be a Uint32Array`);
  if (loop.length < MIN_LOOP_VERTICES) {
    throw new RendererError('RENDER_BAD_MESH', `${name} needs at least ${MIN_LOOP_VERTICES} vertices, got ${loop.length}`);
  }
  checkIndices(name, loop, vertexCount);
}

function checkIndices(name: string, indices: Uint32Array, vertexCount: number): void {
  for (let i = 0; i < indices.length; i++) {
    if (indices[i] >= vertexCount) {
      throw new RendererError('RENDER_BAD_MESH', `${name}[${i}] = ${indices[i]} is out of range for ${vertexCount} vertices`);
    }
  }
}
