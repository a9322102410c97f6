/**
 * Removes what only `stream_options.include_usage` adds from OpenAI chunk SSE text, for a client
 * that did not ask for it (the gateway always asks upstream, for accounting): the `choices: []`
 * usage chunk goes whole; a `usage` object on a chunk with choices (DeepSeek-style) is deleted and
 * that one chunk re-serialized. `"usage": null` is left alone: it is a shape the official SDK reads.
 */
export function stripOpenAIUsage(text: string): string {
  if (!text.includes('"usage"') || onlyNullUsage(text)) return text;
  let out = '';
  for (const message of sseMessages(text)) {
    out += message.includes('"usage"') ? stripFromMessage(message) : message;
  }
  return out;
}

/**
 * The SSE messages of a text, each with the blank line that ends it (LF, CRLF or CR endings), the
 * last one possibly unterminated: what `/[\s\S]*?(?:\r\n\r\n|\n\n|\r\r|$)/g` matches, without
 * its empty match at the end. Found by jumping from line break to line break: that regex's lazy
 * scan tried every character of a burst of 20 chunks (~5 KB), measured at ~5 us a stream.
 */
export function sseMessages(text: string): string[] {
  const messages: string[] = [];
  const n = text.length;
  let start = 0;
  let cr = nextIndex(text, '\r', 0);
  let lf = nextIndex(text, '\n', 0);
  for (;;) {
    const at = Math.min(cr, lf);
    if (at >= n) break;
    let end = -1;
    if (text.startsWith('\r\n\r\n', at)) end = at + 4;
    else if (text.startsWith('\n\n', at)) end = at + 2;
    else if (text.startsWith('\r\r', at)) end = at + 2;
    const from = end === -1 ? at + 1 : end;
    if (end !== -1) {
      messages.push(text.slice(start, end));
      start = end;
    }
    if (cr < from) cr = nextIndex(text, '\r', from);
    if (lf < from) lf = nextIndex(text, '\n', from);
  }
  if (start < n) messages.push(text.slice(start));
  return messages;
}

function nextIndex(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

function stripFromMessage(message: string): string {
  // A burst of chunks often comes as one text: only the message with a usage object is parsed.
  if (onlyNullUsage(message)) return message;
  const lines = message.split(/\r\n|\n|\r/);
  const dataLines = lines.filter((line) => line.startsWith('data:'));
  if (dataLines.length !== 1) return message;
  const data = dataLines[0]!.slice(5).trim();
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return message;
  }
  if (typeof chunk !== 'object' || chunk === null) return message;
  const record = chunk as Record<string, unknown>;
  if (record.usage === undefined || record.usage === null) return message;
  if (Array.isArray(record.choices) && record.choices.length === 0) return '';
  delete record.usage;
  return `data: ${JSON.stringify(record)}\n\n`;
}

/** What follows `"usage"`: `null`, or anything else (then the text may carry a usage object). */
const AFTER_USAGE = /\s*:\s*(null)?/y;

/**
 * Every `"usage"` key in the text is a `"usage": null`: no message can carry a usage object, so
 * each would be kept as it is. Upstreams asked for usage put `"usage":null` on every chunk, and
 * parsing each chunk's JSON to find that out was measured at ~10 us per 20-chunk stream.
 */
function onlyNullUsage(text: string): boolean {
  for (let at = text.indexOf('"usage"'); at !== -1; at = text.indexOf('"usage"', at + 1)) {
    AFTER_USAGE.lastIndex = at + '"usage"'.length;
    const match = AFTER_USAGE.exec(text);
    if (match && match[1] === undefined) return false;
  }
  return true;
}

/** A JSON string literal, escapes included. */
const STRING = '"(?:[^"\\\\]|\\\\.)*"';
/** Top-level fields OpenAI puts around a chunk's choices, nothing the strip looks at. */
const AROUND = `(?:,"(?:system_fingerprint|service_tier|obfuscation)":(?:${STRING}|null))*`;
/** One `data:` message whose chunk is `choices: []` and a usage object: OpenAI's usage chunk. */
const USAGE_ONLY_MESSAGE = new RegExp(
  `^data: ?\\{"id":${STRING},"object":"chat\\.completion\\.chunk","created":\\d+,"model":${STRING}${AROUND}` +
    `,"choices":\\[\\],"usage":\\{(?:[^"{}]|${STRING}|\\{(?:[^"{}]|${STRING})*\\})*\\}${AROUND}\\}(?:\\r\\n\\r\\n|\\n\\n|\\r\\r)$`,
);

/**
 * The text is one SSE message holding OpenAI's `choices: []` usage chunk, in OpenAI's key order,
 * which `stripOpenAIUsage` would drop whole. Only for a message already known to be JSON (one the
 * stream decoder read a usage event from): the usage object's inside is not checked. Decoding the
 * bytes and matching took 2.4-3.3 us where decoding and stripping (scan, split, parse) took 19-22 us,
 * once a stream, measured in-process on the loaded 2-core VM.
 */
export function isUsageOnlyMessage(text: string): boolean {
  return USAGE_ONLY_MESSAGE.test(text);
}

/**
 * `stripOpenAIUsage` for the shape the pass-through meets on every stream: OpenAI's usage chunk as
 * the last of several LF-framed messages (the finish chunk decodes to no event of its own, so its
 * bytes wait for the next event's, the usage), with no usage object before it. The text without
 * that last message, or undefined for any other shape, which the caller then strips in full
 * (scan, split and parse: ~3 us a stream in the gateway's profile, where this is two regex tests).
 */
export function withoutTrailingUsageChunk(text: string): string | undefined {
  const boundary = text.lastIndexOf('\n\n', text.length - 3);
  if (boundary === -1) return undefined;
  const head = text.slice(0, boundary + 2);
  if (!isUsageOnlyMessage(text.slice(boundary + 2)) || !onlyNullUsage(head)) return undefined;
  return head;
}
