/** Label values keyed by label name, e.g. `{ route: '/chat/completions', status: '200' }`. */
export type Labels = Record<string, string>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function renderLabels(labels: Labels, extra?: [string, string]): string {
  const entries = Object.entries(labels);
  if (extra) entries.push(extra);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/**
 * The series key: label names in code-unit order with their values. Built by concatenation, not
 * JSON of sorted entries: it runs several times per request, and separators are control
 * characters no label value from the gateway holds.
 */
export function keyOf(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) key += `${name}\u0001${labels[name]}\u0002`;
  return key;
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  readonly #series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' = 'counter',
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const series = this.#series.get(key);
    if (series) series.value += by;
    else this.#series.set(key, { labels, value: by });
  }

  /**
   * The series for these labels, for a caller that keeps it and adds to `value` itself (skipping
   * the key and the lookup of every update). It is listed from now on, at 0 until added to.
   */
  series(labels: Labels): { value: number } {
    const key = keyOf(labels);
    let series = this.#series.get(key);
    if (!series) {
      series = { labels, value: 0 };
      this.#series.set(key, series);
    }
    return series;
  }

  set(labels: Labels, value: number): void {
    const key = keyOf(labels);
    const series = this.#series.get(key);
    if (series) series.value = value;
    else this.#series.set(key, { labels, value });
  }

  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.type}\n`;
    for (const { labels, value } of this.#series.values())
      out += `${this.name}${renderLabels(labels)} ${value}\n`;
    return out;
  }
}

/** Latency buckets in seconds, from sub-millisecond gateway overhead to minute-long streams. */
export const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** One label set of a histogram. */
export class HistogramSeries {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(
    readonly labels: Labels,
    readonly buckets: number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

export class Histogram implements Metric {
  readonly #series = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[] = SECONDS_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    this.series(labels).observe(value);
  }

  /** The series for these labels, for a caller that keeps it (see `Counter.series`). */
  series(labels: Labels): HistogramSeries {
    const key = keyOf(labels);
    let series = this.#series.get(key);
    if (!series) {
      series = new HistogramSeries(labels, this.buckets);
      this.#series.set(key, series);
    }
    return series;
  }

  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    for (const { labels, counts, sum, count } of this.#series.values()) {
      this.buckets.forEach((bound, i) => {
        out += `${this.name}_bucket${renderLabels(labels, ['le', String(bound)])} ${counts[i]}\n`;
      });
      out += `${this.name}_bucket${renderLabels(labels, ['le', '+Inf'])} ${count}\n`;
      out += `${this.name}_sum${renderLabels(labels)} ${sum}\n${this.name}_count${renderLabels(labels)} ${count}\n`;
    }
    return out;
  }
}

/** Renders metrics in the Prometheus text exposition format (version 0.0.4). */
export function renderMetrics(metrics: Metric[]): string {
  return metrics.map((metric) => metric.render()).join('');
}
