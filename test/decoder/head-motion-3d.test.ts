/** The head's rigid 3D motion in projected coordinates, and the outline plane the face skirt and the hair move with. */
import { headMotion3d, outlinePlaneAffine } from '../../src/decoder/renderers/head-motion-3d.js';
import type { HeadPose } from '../../src/face/face-model.js';
import { projectPoints } from '../../src/face/projection.js';

const deg = Math.PI / 180;
const pose = (rx: number, ry: number, rz: number, tx: number, ty: number, s: number): HeadPose => ({
  rotationRad: Float32Array.of(rx * deg, ry * deg, rz * deg),
  translationPx: Float32Array.of(tx, ty),
  pixelsPerMm: s,
});
const keyframe = pose(8, -12, 20, 130, 120, 0.9);
const frame = pose(-10, 25, 4, 110, 131, 0.8);

/** Head-space points (mm) spread over a head. */
function headPoints(count: number): Float32Array {
  const p = new Float32Array(count * 3);
  for (let i = 0; i < p.length; i++) p[i] = 80 * Math.sin(i * 12.9898 + 1.7);
  return p;
}

describe('headMotion3d', () => {
  it('maps where a head-fixed point is in the keyframe to where the frame projects it', () => {
    const points = headPoints(50);
    const src = projectPoints(points, keyframe), dst = projectPoints(points, frame);
    const motion = headMotion3d(keyframe, frame, -40)!;
    const m = motion.sourceToTarget;
    for (let i = 0; i < src.length; i += 3) {
      for (let r = 0; r < 3; r++) {
        const mapped = m[r * 4] * src[i] + m[r * 4 + 1] * src[i + 1] + m[r * 4 + 2] * src[i + 2] + m[r * 4 + 3];
        expect(mapped).toBeCloseTo(dst[i + r], 3);
      }
    }
  });

  it('puts the outline plane at the given head-space depth, and its 2D motion moves points of that plane', () => {
    const depth = -40;
    const points = headPoints(30);
    for (let i = 2; i < points.length; i += 3) points[i] = depth;
    const src = projectPoints(points, keyframe), dst = projectPoints(points, frame);
    const motion = headMotion3d(keyframe, frame, depth)!;
    const p = motion.outlinePlane;
    const affine = outlinePlaneAffine(motion, new Float64Array(6));
    for (let i = 0; i < src.length; i += 3) {
      expect(p[0] * src[i] + p[1] * src[i + 1] + p[2]).toBeCloseTo(src[i + 2], 3);
      expect(affine[0] * src[i] + affine[1] * src[i + 1] + affine[2]).toBeCloseTo(dst[i], 3);
      expect(affine[3] * src[i] + affine[4] * src[i + 1] + affine[5]).toBeCloseTo(dst[i + 1], 3);
    }
  });

  it('a turn swings the face while the outline plane behind it moves the other way', () => {
    const front = pose(0, 0, 0, 128, 128, 1), turned = pose(0, 20, 0, 128, 128, 1);
    const affine = outlinePlaneAffine(headMotion3d(front, turned, -60)!, new Float64Array(6));
    const nose = projectPoints(Float32Array.of(0, 0, 75), turned);
    expect(nose[0] - 128).toBeGreaterThan(20);
    expect(affine[0] * 128 + affine[1] * 128 + affine[2] - 128).toBeLessThan(-15);
  });

  it('gives no plane for a keyframe seen from the side, and none for a bad scale', () => {
    expect(headMotion3d(pose(0, 85, 0, 128, 128, 1), frame, -40)).toBeNull();
    expect(headMotion3d({ ...keyframe, pixelsPerMm: 0 }, frame, -40)).toBeNull();
    expect(headMotion3d(keyframe, { ...frame, pixelsPerMm: Number.NaN }, -40)).toBeNull();
  });
});
