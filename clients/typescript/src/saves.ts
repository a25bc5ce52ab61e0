// The save checksum as the server computes it (Domain/Saves/SaveChecksum.cs, GAME_RULES §10): SHA-256, lower-case
// hex, over the canonical JSON of the save — object keys sorted by UTF-16 code unit (JavaScript's default sort), no
// whitespace, every top-level field except "checksum", strings and numbers as JSON.stringify writes them.

/** The canonical JSON text of a save (without its top-level `checksum`). */
export function canonicalJson(save: Record<string, unknown>): string {
  return write(save, true);
}

function write(value: unknown, topLevel: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(v => write(v, false)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter(k => !(topLevel && k === 'checksum') && (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map(k => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], false)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The save's checksum as `PUT saves/current` expects it in `checksum` (Web Crypto: Node 20+ and browsers). */
export async function saveChecksum(save: Record<string, unknown>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(save)));
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
}
