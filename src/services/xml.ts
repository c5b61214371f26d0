/**
 * A small XML reader for OGC capabilities, schemas, exception reports and GML. Web Workers have
 * no `DOMParser` and Node has none either, so the service clients read XML with this.
 * Namespaces are kept as written (`wfs:FeatureType`); look-ups compare local names.
 */

/** An XML element: its qualified name, attributes, child elements and text content. */
export interface XmlElement {
  /** Qualified name as written (`gml:Polygon`). */
  name: string;
  /** Local name (`Polygon`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element (entities decoded, CDATA kept). */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * Parses an XML document into its root element. Throws `Error` on text that is not XML (no root
 * element, unbalanced tags).
 */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', local: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const n = text.length;
  let i = 0;
  const attrRe = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      top.text += decode(text.slice(i));
      break;
    }
    if (lt > i) top.text += decode(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      top.text += text.slice(lt + 9, end < 0 ? n : end);
      i = end < 0 ? n : end + 3;
    } else if (text[lt + 1] === '?' || text[lt + 1] === '!') {
      const end = text.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      const name = text.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) throw new Error(`XML: unexpected </${name}>`);
      i = end + 1;
    } else {
      // Find the tag's end, skipping quoted attribute values that may hold '>'.
      let j = lt + 1;
      let quote: string | null = null;
      for (; j < n; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      const selfClosing = text[j - 1] === '/';
      const body = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const sp = body.search(/\s/);
      const name = sp < 0 ? body : body.slice(0, sp);
      const attrs: Record<string, string> = {};
      if (sp >= 0) {
        attrRe.lastIndex = 0;
        let m: RegExpExecArray | null;
        const rest = body.slice(sp);
        while ((m = attrRe.exec(rest))) attrs[m[1]] = decode(m[3] ?? m[4] ?? '');
      }
      const el: XmlElement = { name, local: localOf(name), attrs, children: [], text: '' };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1].name}> is not closed`);
  const first = root.children[0];
  if (!first) throw new Error('XML: no root element');
  return first;
}

/** First child element with this local name. */
export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/** Every child element with this local name. */
export function children(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

/** Every descendant element with this local name, in document order. */
export function descendants(el: XmlElement | undefined, local: string, out: XmlElement[] = []): XmlElement[] {
  if (!el) return out;
  for (const c of el.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

/** Trimmed text of the first child with this local name, or `undefined`. */
export function childText(el: XmlElement | undefined, local: string): string | undefined {
  const c = child(el, local);
  return c ? c.text.trim() : undefined;
}

/** An attribute by local name (`srsName` matches `srsName` and `gml:srsName`). */
export function attr(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  if (local in el.attrs) return el.attrs[local];
  for (const [k, v] of Object.entries(el.attrs)) if (localOf(k) === local) return v;
  return undefined;
}
