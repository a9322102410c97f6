export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Nearest-rank percentiles (the value at rank ceil(p * n) of the sorted samples): every figure
 * is a latency that really happened, never an interpolation. Undefined for no samples.
 */
export function percentiles(samples: readonly number[]): Percentiles | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
