import type { ProviderFeatures } from '../core/types/provider.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { markdownTable } from './markdown-table.js';

/** The matrix columns, in order: the features issue 2 asks the docs to show, plus JSON mode. */
const FEATURE_COLUMNS: Array<[keyof ProviderFeatures, string]> = [
  ['streaming', 'Streaming'],
  ['tools', 'Tools'],
  ['structuredOutput', 'Structured output'],
  ['jsonMode', 'JSON mode'],
  ['vision', 'Vision'],
  ['embeddings', 'Embeddings'],
  ['reasoning', 'Reasoning'],
];

const REGISTERS_WHEN: Record<ProviderDefinition['registersWhen'], string> = {
  'api-key': 'its key variable is set',
  'base-url': 'its base URL variable is set (local server)',
  never: 'configured in code or config',
};

/** The built-in `mock` is not a definition; the docs still list it so a reader knows it is there. */
export interface MockEntry {
  features: ProviderFeatures;
}

/**
 * The generated part of docs/providers.md, from the provider definitions alone: the table of
 * providers and their variables, the feature matrix, and each provider's notes and source.
 */
export function renderProviderDocs(definitions: ProviderDefinition[], mock?: MockEntry): string {
  const lines: string[] = [];
  lines.push(`## Providers (${definitions.length} built in${mock ? ', plus `mock`' : ''})`, '');
  lines.push(
    'A provider registers itself when the condition in the last column holds; `switchyard providers` shows',
    'which ones did here, and why the others did not. Model ids are `<id>/<model>`.',
    '',
  );
  const providerRows = definitions.map((d) => [
    d.displayName,
    code(d.id),
    d.protocol,
    codeList(d.apiKeyEnv),
    codeList(d.baseUrlEnv),
    d.defaultBaseUrl ? code(d.defaultBaseUrl) : 'none: set the base URL',
    REGISTERS_WHEN[d.registersWhen],
  ]);
  if (mock) providerRows.push(['Mock (scripted, in-process)', code('mock'), 'mock', '-', '-', '-', 'always']);
  const providerHeader = [
    'Provider',
    'Id',
    'Protocol',
    'API key variable',
    'Base URL variable',
    'Default base URL',
    'Registers when',
  ];
  lines.push(...markdownTable(providerHeader, providerRows));
  lines.push('', '## Feature matrix', '');
  lines.push(
    "Yes means Switchyard maps the feature to the provider's wire protocol. A request that needs a feature",
    'marked no fails at once with an `unsupported` error naming it; nothing is dropped silently.',
    '',
  );
  const featureRows = definitions.map((d) => featureRow(d.id, d.features));
  if (mock) featureRows.push(featureRow('mock', mock.features));
  lines.push(...markdownTable(['Id', ...FEATURE_COLUMNS.map(([, title]) => title)], featureRows));
  lines.push('', '## Provider notes', '');
  for (const d of definitions) {
    const parts = [`- **${d.displayName}** (${code(d.id)}).`];
    if (d.notes) parts.push(oneLine(d.notes));
    if (d.defaultHeaders && Object.keys(d.defaultHeaders).length > 0) {
      parts.push(`Sends ${codeList(Object.keys(d.defaultHeaders).sort())} on every call.`);
    }
    parts.push(`Source: <${d.source.url}> (checked ${d.source.checked}).`);
    lines.push(parts.join(' '));
  }
  if (definitions.length === 0) lines.push('No built-in providers yet.');
  return `${lines.join('\n')}\n`;
}

function featureRow(id: string, features: ProviderFeatures): string[] {
  return [code(id), ...FEATURE_COLUMNS.map(([key]) => (features[key] ? 'yes' : 'no'))];
}

function code(text: string): string {
  return `\`${text}\``;
}

function codeList(items: string[]): string {
  return items.length === 0 ? '-' : items.map(code).join(', ');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(flat) ? flat : `${flat}.`;
}
