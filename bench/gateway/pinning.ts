/**
 * Optional CPU pinning for `bench/gateway` (`pin` as its third argument): every proxy under test on
 * the last core, the mock upstream and wrk on the first, each through `taskset` (util-linux), which
 * execs the command, so the pid measured is the process itself. On a 2-core VM, unpinned, a proxy
 * shares both cores with the load generator and the upstream, and the scheduler's placement moves
 * CPU per request by up to 10-20 % between runs of the same build; pinned, each target runs on a
 * core of its own and the spread narrows (docs/performance.md).
 */
import { cpus } from 'node:os';

export interface Pinning {
  /** Whether commands are pinned at all. */
  readonly on: boolean;
  /** The command and arguments for a proxy under test. */
  target(command: string, args: string[]): [string, string[]];
  /** The command and arguments for the load generator or the upstream mock. */
  load(command: string, args: string[]): [string, string[]];
}

export function pinning(on: boolean): Pinning {
  const last = String(Math.max(0, cpus().length - 1));
  const wrap =
    (core: string) =>
    (command: string, args: string[]): [string, string[]] =>
      on ? ['taskset', ['-c', core, command, ...args]] : [command, args];
  return { on, target: wrap(last), load: wrap('0') };
}
