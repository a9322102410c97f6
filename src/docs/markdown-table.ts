/**
 * A Markdown table padded the way the repository's formatter (Biome) writes one, so the generated
 * docs pass `biome check` unchanged: every cell padded to its column's width, dashes under the header.
 */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const escaped = rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...escaped.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...escaped.map(line)];
}
