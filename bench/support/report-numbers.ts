/** Small helpers the benches and example calls share for their JSON reports. */

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}

/** kbit/s of `bytes` over `seconds`, rounded to `digits` decimals. */
export function kbitPerSecond(bytes: number, seconds: number, digits = 2): number {
  return round((bytes * 8) / seconds / 1000, digits);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
