import { hasProfileFlags, parseProfile } from '../../src/cli/profile-option.js';

describe('CLI profile flags', () => {
  it('k16e10 by default; presets and overrides', () => {
    const p = parseProfile({}, false);
    expect(p.landmarkIds).toHaveLength(16);
    expect(p.expressionDims).toBe(10);
    const q = parseProfile({ profile: 'k4e0-fixed', keypointBits: '7' }, true);
    expect(q).toMatchObject({ expressionDims: 0, coding: 'fixed', sendJaw: true, learnedKeypoints: 0 });
    expect(q.landmarkIds).toHaveLength(4);
    expect(q.keypointMm.bits).toBe(7);
  });

  it('--learned-keypoints sends learned keypoints and no expression unless asked', () => {
    const p = parseProfile({ learnedKeypoints: '26' }, false);
    expect(p).toMatchObject({ learnedKeypoints: 26, landmarkIds: [], expressionDims: 0 });
    expect(parseProfile({ learnedKeypoints: '10', expressionDims: '5' }, false).expressionDims).toBe(5);
  });

  it('says whether any profile flag was given', () => {
    expect(hasProfileFlags({})).toBe(false);
    expect(hasProfileFlags({ learnedKeypoints: '8' })).toBe(true);
    expect(hasProfileFlags({ profile: 'k8e5' })).toBe(true);
  });

  it('bad values are typed errors', () => {
    expect(() => parseProfile({ profile: 'x' }, false)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => parseProfile({ learnedKeypoints: '2.5' }, false)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => parseProfile({ learnedKeypoints: '999' }, false)).toThrow(expect.objectContaining({ code: 'INVALID_PROFILE' }));
  });
});
