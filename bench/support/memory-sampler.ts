/**
 * Memory and handle samples over a long run, and their linear trend: what a soak reports. Each sample follows a full
 * garbage collection (where `gc` can be exposed), so the heap figures are what is still reachable, not garbage.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  frames: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** process.getActiveResourcesInfo(): sockets, timers, file requests... */
  activeResources: number;
  activeTimers: number;
}

export type SampledMetric = Exclude<keyof MemorySample, 'frames'>;
export const SAMPLED_METRICS: readonly SampledMetric[] = ['rssBytes', 'heapUsedBytes', 'externalBytes', 'arrayBuffersBytes', 'activeResources', 'activeTimers'];

/** Growth per 1000 frames each metric may show and still count as flat (bytes; handles for the last two). */
export type SlopeBounds = Record<SampledMetric, number>;

/**
 * The stated bounds: over 100,000 frames at most 6.4 MB more RSS (the allocator and JIT settle slowly), 400 KB more
 * reachable heap and 400 KB more external memory (about 4 bytes a frame: a per-frame number kept forever is 8), and
 * at most one handle or timer more per 10,000 frames (a live call opens and closes timers all the time, so its
 * count wanders by a few; the call soak also lists what is left open after close).
 */
export const DEFAULT_SLOPE_BOUNDS: SlopeBounds = {
  rssBytes: 64 * 1024,
  heapUsedBytes: 4 * 1024,
  externalBytes: 4 * 1024,
  arrayBuffersBytes: 4 * 1024,
  activeResources: 0.1,
  activeTimers: 0.1,
};

let gcFn: (() => void) | null | undefined;

/** A full collection where V8 allows exposing `gc` at run time (it does in Node 20), else nothing. */
export function collectGarbage(): boolean {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
  return gcFn !== null;
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function linearSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

export interface SlopeReport {
  /** Samples the trend is fitted over (those after the warm-up) and the frames they span. */
  samples: number;
  fromFrame: number;
  toFrame: number;
  /** Growth per 1000 frames of each metric. */
  slopePer1000Frames: Record<SampledMetric, number>;
  bounds: SlopeBounds;
  /** Metrics over their bound. */
  over: SampledMetric[];
  pass: boolean;
  first: MemorySample;
  last: MemorySample;
}

export class MemorySampler {
  readonly samples: MemorySample[] = [];
  readonly gcExposed = collectGarbage();

  /**
   * Takes a sample after `frames` frames. Array buffers' memory is released by a sweeper after the collection, so
   * it collects twice with a turn of the event loop between (one alone left tens of MB of dead buffers counted).
   */
  async sample(frames: number): Promise<MemorySample> {
    collectGarbage();
    await new Promise<void>((resolve) => setImmediate(resolve));
    collectGarbage();
    const m = process.memoryUsage();
    const resources = process.getActiveResourcesInfo();
    const s: MemorySample = {
      frames,
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      externalBytes: m.external,
      arrayBuffersBytes: m.arrayBuffers,
      activeResources: resources.length,
      activeTimers: resources.filter((r) => r === 'Timeout' || r === 'Immediate').length,
    };
    this.samples.push(s);
    return s;
  }

  /** The trend after the first `warmupFraction` of the frames (JIT, caches and pools filling are not growth). */
  report(bounds: SlopeBounds = DEFAULT_SLOPE_BOUNDS, warmupFraction = 0.1): SlopeReport {
    const lastFrame = this.samples.at(-1)?.frames ?? 0;
    const used = this.samples.filter((s) => s.frames >= lastFrame * warmupFraction);
    const xs = used.map((s) => s.frames / 1000);
    const slopePer1000Frames = Object.fromEntries(SAMPLED_METRICS.map((k) => [k, linearSlope(xs, used.map((s) => s[k]))])) as Record<SampledMetric, number>;
    const over = SAMPLED_METRICS.filter((k) => slopePer1000Frames[k] > bounds[k]);
    return {
      samples: used.length,
      fromFrame: used[0]?.frames ?? 0,
      toFrame: lastFrame,
      slopePer1000Frames,
      bounds,
      over,
      pass: used.length >= 3 && over.length === 0,
      first: this.samples[0],
      last: this.samples.at(-1)!,
    };
  }
}
