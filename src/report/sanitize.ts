// Neutralises terminal control sequences in remote data (TXT records, banners) before it reaches a terminal.

/**
 * C0 controls other than tab and newline, DEL and C1 controls (which include ESC-less CSI) are shown
 * as visible escapes, so a hostile TXT record cannot move the cursor, recolour or retitle a terminal.
 */
export function neutralizeControls(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isControl = (code < 0x20 && char !== '\n' && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    out += isControl ? `\\x${code.toString(16).padStart(2, '0')}` : char;
  }
  return out;
}
