import { describe, expect, it } from 'vitest';
import { normalizeOllamaHost } from './normalize-ollama-host.js';

describe('normalizeOllamaHost', () => {
  it.each([
    ['', 'http://127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11435', 'http://127.0.0.1:11435'],
    [':11500', 'http://127.0.0.1:11500'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['gpu-box:8080', 'http://gpu-box:8080'],
    ['192.168.1.20:11434', 'http://192.168.1.20:11434'],
    ['http://gpu-box', 'http://gpu-box:80'],
    ['https://ollama.com', 'https://ollama.com:443'],
    ['https://proxy.example.com:8443/ollama/', 'https://proxy.example.com:8443/ollama'],
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['[::]', 'http://127.0.0.1:11434'],
    ['gpu-box:notaport', 'http://gpu-box:11434'],
    ['  localhost:11434  ', 'http://localhost:11434'],
  ])('%j -> %s', (value, expected) => {
    expect(normalizeOllamaHost(value)).toBe(expected);
  });
});
