import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { testDefinition } from '../cli/test-definitions.js';
import { builtInDefinitions } from '../providers/builtin-definitions.js';
import { currentProviderDocs, PROVIDER_DOCS_PATH } from './generate-provider-docs.js';
import { markdownTable } from './markdown-table.js';
import { BEGIN_MARKER, END_MARKER, generatedSection, replaceGeneratedSection } from './provider-docs-file.js';
import { renderProviderDocs } from './render-provider-docs.js';

/** The cells of the table whose header starts with `first`, header included, separator dropped. */
function tableRows(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} `));
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    if (/^\|[\s|-]+\|$/.test(line)) continue;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('docs/providers.md', () => {
  it('matches what the provider definitions generate', async () => {
    const document = await readFile(PROVIDER_DOCS_PATH, 'utf8');
    expect(
      generatedSection(document),
      'docs/providers.md is out of date: run `npx tsx src/docs/generate-provider-docs.ts` and commit it',
    ).toBe(currentProviderDocs());
  });

  it('lists every built-in provider with each of its variables, and keeps the troubleshooting section', async () => {
    const document = await readFile(PROVIDER_DOCS_PATH, 'utf8');
    const ids = tableRows(document, 'Provider').map((row) => row[1]);
    for (const definition of builtInDefinitions()) {
      expect(ids).toContain(`\`${definition.id}\``);
      for (const name of [...definition.apiKeyEnv, ...definition.baseUrlEnv]) {
        expect(document).toContain(`\`${name}\``);
      }
    }
    expect(ids).toContain('`mock`');
    expect(document.indexOf('## Troubleshooting')).toBeGreaterThan(document.indexOf(END_MARKER));
    for (const kind of ['authentication', 'rate limited', 'context length exceeded', 'connection refused']) {
      expect(document).toContain(kind);
    }
  });
});

describe('renderProviderDocs', () => {
  const acme = testDefinition({
    notes: 'Answers | in pipes',
    defaultHeaders: { 'X-Title': 'switchyard', 'HTTP-Referer': 'https://example.test' },
  });
  const local = testDefinition({
    id: 'box',
    displayName: 'Box',
    protocol: 'ollama',
    apiKeyEnv: [],
    baseUrlEnv: ['BOX_HOST'],
    registersWhen: 'base-url',
    defaultBaseUrl: undefined,
    features: { ...acme.features, streaming: false, embeddings: true },
  });
  const text = renderProviderDocs([acme, local]);

  it('tables each provider with its variables, default URL and registration rule', () => {
    expect(tableRows(text, 'Provider').slice(1)).toEqual([
      [
        'Acme AI',
        '`acme`',
        'openai',
        '`ACME_API_KEY`',
        '`ACME_BASE_URL`',
        '`https://api.acme.test/v1`',
        'its key variable is set',
      ],
      [
        'Box',
        '`box`',
        'ollama',
        '-',
        '`BOX_HOST`',
        'none: set the base URL',
        'its base URL variable is set (local server)',
      ],
    ]);
  });

  it('draws the feature matrix from the definitions', () => {
    expect(tableRows(text, 'Id')).toEqual([
      ['Id', 'Streaming', 'Tools', 'Structured output', 'JSON mode', 'Vision', 'Embeddings', 'Reasoning'],
      ['`acme`', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'],
      ['`box`', 'no', 'yes', 'yes', 'yes', 'no', 'yes', 'no'],
    ]);
  });

  it('adds notes, attribution headers and sources', () => {
    expect(text).toContain(
      '- **Acme AI** (`acme`). Answers | in pipes. Sends `HTTP-Referer`, `X-Title` on every call. ' +
        'Source: <https://acme.test/docs> (checked 2026-11-21).',
    );
  });
});

describe('markdownTable', () => {
  it('pads every column as the formatter does and escapes pipes', () => {
    expect(markdownTable(['A', 'Long header'], [['x|y', 'z']])).toEqual([
      '| A    | Long header |',
      '| ---- | ----------- |',
      '| x\\|y | z           |',
    ]);
  });
});

describe('replaceGeneratedSection', () => {
  it('replaces only the text between the markers', () => {
    const document = `# Intro\n\n${BEGIN_MARKER}\nold\n${END_MARKER}\n\n## Troubleshooting\nkept\n`;
    const next = replaceGeneratedSection(document, 'new\n');
    expect(next).toBe(`# Intro\n\n${BEGIN_MARKER}\nnew\n${END_MARKER}\n\n## Troubleshooting\nkept\n`);
    expect(generatedSection(next)).toBe('new\n');
  });

  it('refuses a document without markers instead of overwriting hand-written text', () => {
    expect(() => replaceGeneratedSection('# nothing here\n', 'x')).toThrow(/lacks the markers/);
    expect(generatedSection('# nothing here\n')).toBeUndefined();
  });
});
