// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { loadFlameModel } from '../../src/face/flame/index.js';
import { neutralParams } from '../../src/face/face-model.js';
import { sharedDir } from '../../src/paths.js';

describe('FLAME blink blendshapes of the project', () => {
  it('closing one eye brings its upper lid landmarks onto the lower lid and leaves the rest of the face still', async () => {
    const flame = await loadFlameModel({ folder: `${sharedDir()}/assets/flame` }, { eyelids: true });
    expect(flame.expressionDims).toBe(2);
    expect(flame.info.eyelidComponents).toBe(2);
    const open = neutralParams(flame);
    const a = Float32Array.from(flame.landmarks68(open));
    const closedRight = { ...open, expression: Float32Array.from([1, 0]) };
    const b = Float32Array.from(flame.landmarks68(closedRight));
    const gap = (lm: Float32Array, up: number, lo: number) => lm[up * 3 + 1] - lm[lo * 3 + 1];
    // right eye (36..41): upper 37/38 over lower 41/40
    expect(gap(a, 37, 41)).toBeGreaterThan(4); // open eye: mm
    // closed: the lid margin rests on the lower lid (what is left is about the lid's own thickness)
    expect(Math.abs(gap(b, 37, 41))).toBeLessThan(0.15 * gap(a, 37, 41));
    expect(Math.abs(gap(b, 38, 40))).toBeLessThan(0.15 * gap(a, 38, 40));
    // the left eye and the mouth do not move
    for (const id of [43, 44, 46, 47, 48, 54, 62, 66, 30, 8]) {
      for (let d = 0; d < 3; d++) expect(Math.abs(b[id * 3 + d] - a[id * 3 + d])).toBeLessThan(1e-4);
    }
    // the eyeballs never move
    const va = flame.mesh(open);
    const vb = flame.mesh(closedRight);
    let eyeballMove = 0;
    for (let v = 3931; v < 5023; v++) for (let d = 0; d < 3; d++) eyeballMove = Math.max(eyeballMove, Math.abs(vb[v * 3 + d] - va[v * 3 + d]));
    expect(eyeballMove).toBe(0);
  });
});
