import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const clockModule = fileURLToPath(new URL('./clock.ts', import.meta.url));

/** Runs a module body in a fresh node process (through tsx) and returns what it printed. */
function runScript(body: string): Promise<{ stdout: string; code: number | null }> {
  const source = `import { sleep, systemClock } from ${JSON.stringify(clockModule)};\n${body}`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', source],
      { timeout: 20_000 },
      (error, stdout) =>
        resolve({ stdout, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 }),
    );
  });
}

describe('systemClock', () => {
  it('keeps the process alive through a backoff wait, the only pending work during a retry', async () => {
    const { stdout, code } = await runScript("await sleep(systemClock, 30); console.log('retried');");
    expect(stdout).toBe('retried\n');
    expect(code).toBe(0);
  });

  it('lets the process exit with only a deadline timer pending', async () => {
    const { stdout, code } = await runScript(
      "systemClock.setTimer(60_000, () => console.log('fired')); console.log('exited');",
    );
    expect(stdout).toBe('exited\n');
    expect(code).toBe(0);
  });
});
