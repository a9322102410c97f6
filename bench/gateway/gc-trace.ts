/** What `--trace-gc-nvp` said about the scavenges in a stretch of a process's output. */
export interface ScavengeSummary {
  scavenges: number;
  /** Bytes allocated in the young generation across the stretch. */
  allocatedBytes: number;
  /** Mean bytes that survived a scavenge (copied within the young generation or promoted). */
  keptBytes: number;
  /** Mean bytes promoted to the old generation per scavenge. */
  promotedBytes: number;
  /** Scavenger time on the main thread, ms, summed. */
  pauseMs: number;
  /** Scavenger time on V8's helper threads, ms, summed (CPU the process pays too). */
  helperMs: number;
}

function field(line: string, name: string): number {
  const at = line.indexOf(` ${name}=`);
  if (at === -1) return 0;
  return Number.parseFloat(line.slice(at + name.length + 2));
}

/** Sums the `gc=s` (scavenge) lines of `--trace-gc-nvp` output. */
export function summarizeScavenges(lines: readonly string[]): ScavengeSummary {
  const scavenges = lines.filter((line) => line.includes(' gc=s '));
  const sum = (name: string) => scavenges.reduce((total, line) => total + field(line, name), 0);
  const count = scavenges.length;
  return {
    scavenges: count,
    allocatedBytes: sum('allocated'),
    keptBytes: count ? sum('new_space_survived') / count : 0,
    promotedBytes: count ? sum('promoted') / count : 0,
    pauseMs: sum('pause'),
    helperMs: sum('background.scavenge.parallel'),
  };
}
