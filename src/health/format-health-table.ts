import type { HealthSnapshot, ProviderHealth } from './health-status.js';

/**
 * The snapshot as a plain-text table for `switchyard health`, one provider per line, then a summary
 * line naming required providers that are down.
 */
export function formatHealthTable(snapshot: HealthSnapshot): string {
  const rows = [
    ['PROVIDER', 'STATUS', 'REQUIRED', 'LATENCY', 'BREAKER', 'REASON'],
    ...snapshot.providers.map((p) => [
      p.provider,
      p.status,
      p.required ? 'yes' : '',
      p.check ? `${p.check.latencyMs} ms` : '',
      breakerCell(p.circuits),
      p.reason,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
  const summary =
    snapshot.requiredDown.length > 0
      ? `overall: ${snapshot.status}; required provider(s) down: ${snapshot.requiredDown.join(', ')}`
      : `overall: ${snapshot.status}`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}

/**
 * The provider's circuits in a few characters: `closed` when all are, else a count per state
 * (`1 open, 2 closed`); `-` before any deployment of it is known.
 */
export function breakerCell(circuits: ProviderHealth['circuits']): string {
  if (circuits.length === 0) return '-';
  const counts = new Map<string, number>();
  for (const circuit of circuits) counts.set(circuit.status, (counts.get(circuit.status) ?? 0) + 1);
  if (counts.size === 1) return circuits[0]!.status;
  return (['open', 'half-open', 'closed'] as const)
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`)
    .join(', ');
}
