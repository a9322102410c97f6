const DEFAULT_PORT = '11434';

/**
 * Reads `OLLAMA_HOST` as the ollama CLI does (envconfig.Host): the scheme is optional (http), the
 * port defaults to 11434 without a scheme and to 80/443 with one, and a path is kept. A bind-all
 * address (`0.0.0.0`, `::`), which is what people set for `ollama serve`, means this machine.
 */
export function normalizeOllamaHost(value: string): string {
  let text = value.trim();
  if (text === '') return `http://127.0.0.1:${DEFAULT_PORT}`;
  let scheme = 'http';
  let defaultPort = DEFAULT_PORT;
  const separator = text.indexOf('://');
  if (separator !== -1) {
    scheme = text.slice(0, separator).toLowerCase();
    text = text.slice(separator + 3);
    defaultPort = scheme === 'https' ? '443' : '80';
  }
  const slash = text.indexOf('/');
  const hostPort = slash === -1 ? text : text.slice(0, slash);
  const path = slash === -1 ? '' : text.slice(slash).replace(/\/+$/, '');

  let host = hostPort;
  let port = defaultPort;
  const bracketed = hostPort.match(/^\[([^\]]*)\](?::(\d*))?$/);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2]) port = bracketed[2];
  } else {
    const colon = hostPort.lastIndexOf(':');
    // One colon separates host and port; several without brackets is a bare IPv6 address.
    if (colon !== -1 && hostPort.indexOf(':') === colon) {
      host = hostPort.slice(0, colon);
      if (hostPort.slice(colon + 1)) port = hostPort.slice(colon + 1);
    }
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) port = defaultPort;
  if (host === '' || host === '0.0.0.0' || host === '::') host = '127.0.0.1';
  const hostText = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${hostText}:${port}${path}`;
}
