/** Timings of repeated runs, summarised as the benchmark prints them. */
import os from 'node:os';

export interface Timing {
  min: number;
  median: number;
}

export function milliseconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function minMedian(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0], median: quantile(sorted, 0.5) };
}

export function ms(value: number): string {
  return value < 0.01 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`;
}

/** "min / median" in milliseconds. */
export function range(t: Timing): string {
  return `${ms(t.min)} / ${ms(t.median)}`;
}

/** The load average (1 / 5 / 15 min), printed beside figures other work on the machine slows. */
export function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}
