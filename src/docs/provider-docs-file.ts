/**
 * docs/providers.md holds a generated section between two markers; everything around it (the
 * introduction, troubleshooting) is written by hand and kept as is when the section is regenerated.
 */
export const BEGIN_MARKER =
  '<!-- BEGIN GENERATED: providers (src/docs/generate-provider-docs.ts; do not edit by hand) -->';
export const END_MARKER = '<!-- END GENERATED: providers -->';

/** The text between the markers, or undefined when either marker is missing. */
export function generatedSection(document: string): string | undefined {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return undefined;
  return document.slice(begin + BEGIN_MARKER.length, end).replace(/^\n/, '');
}

/** The document with its generated section replaced; throws when the markers are missing. */
export function replaceGeneratedSection(document: string, generated: string): string {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    throw new Error(`docs/providers.md lacks the markers ${BEGIN_MARKER} ... ${END_MARKER}`);
  }
  return `${document.slice(0, begin + BEGIN_MARKER.length)}\n${generated}${document.slice(end)}`;
}
