// frameSampling: which frames get landmarks only and which also get identity/expression embeddings.
import { frameSampling } from '../../bench/rate-quality/frame-sampling.js';

describe('frameSampling', () => {
  it('measures every step-th frame and embeds every n-th measured one', () => {
    expect(frameSampling(9, { frameStep: 2, embeddingEvery: 2 })).toEqual([
      'full', 'skip', 'landmarks', 'skip', 'full', 'skip', 'landmarks', 'skip', 'full',
    ]);
    expect(frameSampling(3, { frameStep: 1, embeddingEvery: 1 })).toEqual(['full', 'full', 'full']);
    expect(frameSampling(0, { frameStep: 2, embeddingEvery: 4 })).toEqual([]);
  });

  it('rejects non-positive or fractional steps', () => {
    expect(() => frameSampling(10, { frameStep: 0, embeddingEvery: 1 })).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
    expect(() => frameSampling(10, { frameStep: 1.5, embeddingEvery: 1 })).toThrow(/frameStep/);
    expect(() => frameSampling(-1, { frameStep: 1, embeddingEvery: 1 })).toThrow(/frames/);
  });
});
