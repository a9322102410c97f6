import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { builtInDefinitions } from '../providers/builtin-definitions.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { replaceGeneratedSection } from './provider-docs-file.js';
import { renderProviderDocs } from './render-provider-docs.js';

/** docs/providers.md, from the repository root (two levels above src/docs and dist/docs). */
export const PROVIDER_DOCS_PATH = fileURLToPath(new URL('../../docs/providers.md', import.meta.url));

/** The generated section for the providers this build knows. */
export function currentProviderDocs(): string {
  return renderProviderDocs(builtInDefinitions(), { features: new MockProvider().features });
}

/** Rewrites the generated section of docs/providers.md; returns whether the file changed. */
export async function writeProviderDocs(path = PROVIDER_DOCS_PATH): Promise<boolean> {
  const before = await readFile(path, 'utf8');
  const after = replaceGeneratedSection(before, currentProviderDocs());
  if (after === before) return false;
  await writeFile(path, after);
  return true;
}

// Run directly: `npx tsx src/docs/generate-provider-docs.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeProviderDocs().then(
    (changed) =>
      process.stdout.write(changed ? 'docs/providers.md updated\n' : 'docs/providers.md is current\n'),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
