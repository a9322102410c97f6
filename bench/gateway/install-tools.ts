import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.js';

/**
 * Installs the Portkey gateway into its own folder (never a dependency of the package), pinning
 * @hono/node-server to 1.14.1: Portkey's streaming breaks with the later versions.
 */
export async function installPortkey(benchDir: string): Promise<string> {
  const dir = join(benchDir, '.portkey');
  const start = join(dir, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  if (existsSync(start)) return dir;
  console.log('installing the Portkey gateway into bench/.portkey (first run only)...');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'portkey-bench',
        private: true,
        dependencies: { '@portkey-ai/gateway': '1.15.2' },
        overrides: { '@hono/node-server': '1.14.1' },
      },
      null,
      2,
    ),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  return dir;
}

/** wrk from Debian when present; the benchmark says so and stops when it is not. */
export async function findWrk(): Promise<string> {
  try {
    await run('wrk', ['--version']).catch(() => '');
    return (await run('sh', ['-c', 'command -v wrk'])).trim();
  } catch {
    throw new Error('wrk is not installed: apt-get install -y wrk');
  }
}
