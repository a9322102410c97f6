import type { VirtualKeyInfo } from './virtual-key.js';

/** Who is calling: the admin (master key), a virtual key's holder, or anyone (no master key set). */
export type Caller = { kind: 'master' } | { kind: 'virtual'; key: VirtualKeyInfo } | { kind: 'open' };
