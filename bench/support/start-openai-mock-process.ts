import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts `openai-mock-process.ts` in a child process (so the mock's CPU is not counted against the
 * client being measured) and resolves once it prints its port. The caller kills `child` when done.
 * `delayMs` holds every answer back that long, like a real provider's time to respond.
 */
export async function startOpenAIMockProcess(delayMs = 0): Promise<{ child: ChildProcess; origin: string }> {
  const script = fileURLToPath(new URL('./openai-mock-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
    child.stdout!.on('data', (data: Buffer) => {
      const match = /PORT (\d+)/.exec(String(data));
      if (match) resolve(Number(match[1]));
    });
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}
