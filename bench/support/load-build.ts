/**
 * The compiled package, as users run it. Benchmarks measure `dist/` rather than the sources under
 * tsx: tsx adds source-map work to every Error created, which is not what a user's process pays.
 * Run `npm run build` first; the modules are typed from their sources.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);

export async function fromBuild<T>(path: string): Promise<T> {
  const url = new URL(path, dist);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`dist/${path} is missing: run \`npm run build\` before the benchmark`);
  }
  return (await import(url.href)) as T;
}
