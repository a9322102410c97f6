/** Base for resolving request targets; only the path and query are ever read from the result. */
const BASE = 'http://gateway.invalid';

/**
 * Slash-separated segments of letters, digits, `_` and `-`: the shape of every route. WHATWG URL
 * parsing leaves such a path unchanged, so it skips the URL object (a measurable cost per request);
 * anything else (dots, `%`, a query, `//`) goes through the real parser.
 */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_-]+\/?)*$/;

/** The pathname of a request target, exactly as `new URL(target, base).pathname` gives it. */
export function requestPathname(target: string | undefined): string {
  const raw = target ?? '/';
  return PLAIN_PATH.test(raw) ? raw : new URL(raw, BASE).pathname;
}

/** The full URL of a request target (query included), built only when something asks for it. */
export function requestUrl(target: string | undefined): URL {
  return new URL(target ?? '/', BASE);
}
