import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Started {
  child: ChildProcess;
  port: number;
}

/** Starts a server process and waits for the first line it prints that is a port (or a URL with one). */
export function startServer(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; portFrom?: RegExp } = {},
): Promise<Started> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pattern = options.portFrom ?? /^(\d+)$/;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')}: no port within 60 s`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        const match = line.match(pattern);
        if (match) {
          clearTimeout(timer);
          resolve({ child, port: Number(match[1]) });
        }
      });
    }
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

/** Milliseconds of CPU (user + system) the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted after the command name; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb / 1024;
}

/** Runs a command to its end and returns its stdout. */
export function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (part: Buffer) => {
      out += part;
    });
    child.stderr.on('data', (part: Buffer) => {
      err += part;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')}: ${code}\n${err}`)),
    );
  });
}
