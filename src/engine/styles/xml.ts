/** XML text and attribute escaping for the style writers. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A number as XML text: shortest round-trip form, never NaN/Infinity (those become 0). */
export function xmlNumber(v: number): string {
  return Number.isFinite(v) ? String(v === 0 ? 0 : v) : '0';
}
