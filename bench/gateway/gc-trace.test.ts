import { describe, expect, it } from 'vitest';
import { summarizeScavenges } from './gc-trace.js';

// Two scavenges and a mark-compact as Node 20's --trace-gc-nvp prints them (fields trimmed).
const LINES = [
  '[1:0x1]  5588 ms: pause=5.9 mutator=151.4 gc=s reduce_memory=0 scavenge=5.82 background.scavenge.parallel=9.68 allocated=14913432 promoted=0 new_space_survived=2664376',
  '[1:0x1]  5666 ms: pause=4.1 mutator=72.9 gc=s reduce_memory=0 scavenge=4.00 background.scavenge.parallel=2.32 allocated=15000000 promoted=1000000 new_space_survived=1335624',
  '[1:0x1]  5700 ms: pause=12.0 mutator=30.0 gc=mc reduce_memory=0 allocated=100 promoted=5 new_space_survived=7',
  'a line of the program itself',
];

describe('summarizeScavenges', () => {
  it('sums the scavenges and leaves out full collections and other output', () => {
    expect(summarizeScavenges(LINES)).toEqual({
      scavenges: 2,
      allocatedBytes: 29_913_432,
      keptBytes: 2_000_000,
      promotedBytes: 500_000,
      pauseMs: 10,
      helperMs: 12,
    });
  });

  it('gives zeros for a stretch with no scavenge', () => {
    expect(summarizeScavenges(['nothing'])).toEqual({
      scavenges: 0,
      allocatedBytes: 0,
      keptBytes: 0,
      promotedBytes: 0,
      pauseMs: 0,
      helperMs: 0,
    });
  });
});
