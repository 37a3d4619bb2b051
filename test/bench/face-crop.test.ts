// chooseFaceCrop: one integer square per clip from landmark boxes, inside the frame, robust to one odd detection.
import { chooseFaceCrop, landmarkBox } from '../../bench/rate-quality/face-crop.js';

describe('landmarkBox', () => {
  it('bounds interleaved x,y points', () => {
    expect(landmarkBox(Float32Array.from([10, 20, 30, 5, 15, 40]))).toEqual({ minX: 10, minY: 5, maxX: 30, maxY: 40 });
  });
});

describe('chooseFaceCrop', () => {
  const frame = { width: 512, height: 512 };
  const box = { minX: 200, minY: 200, maxX: 300, maxY: 300 };

  it('centres a 1.8x square slightly above the landmark box centre', () => {
    // side 180, centre (250, 250 - 10) -> x = 160, y = 150.
    expect(chooseFaceCrop([box], frame)).toEqual({ x: 160, y: 150, width: 180, height: 180 });
  });

  it('uses the median over frames, so one outlier does not move the crop', () => {
    const outlier = { minX: 0, minY: 0, maxX: 20, maxY: 20 };
    expect(chooseFaceCrop([box, box, outlier], frame)).toEqual(chooseFaceCrop([box], frame));
  });

  it('slides the crop inside the frame and shrinks it to the frame', () => {
    const corner = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
    expect(chooseFaceCrop([corner], frame)).toEqual({ x: 0, y: 0, width: 180, height: 180 });
    const huge = { minX: 0, minY: 0, maxX: 400, maxY: 400 };
    expect(chooseFaceCrop([huge], { width: 480, height: 512 })).toEqual({ x: 0, y: 0, width: 480, height: 480 });
  });

  it('refuses an empty list (no face) and malformed boxes with typed errors', () => {
    expect(() => chooseFaceCrop([], frame)).toThrow(expect.objectContaining({ code: 'BENCH_NO_FACE' }));
    expect(() => chooseFaceCrop([{ ...box, maxX: NaN }], frame)).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
    expect(() => chooseFaceCrop([box], frame, { sideScale: 0 })).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
  });
});
