/** The name under which a config's layer source is registered: its path, else its url. */
export function sourceName(source: { path?: string; url?: string } | undefined | null): string | null {
  if (!source) return null;
  return source.path ?? source.url ?? null;
}
