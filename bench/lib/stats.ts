// Small statistics for benchmark rounds: medians across rounds, percentiles within a run.

export type Spread = { median: number; min: number; max: number };

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Latency = { p50: number; p99: number; max: number; count: number };

export function latency(valuesMs: number[]): Latency {
  return {
    p50: percentile(valuesMs, 50),
    p99: percentile(valuesMs, 99),
    max: valuesMs.length ? Math.max(...valuesMs) : Number.NaN,
    count: valuesMs.length,
  };
}
