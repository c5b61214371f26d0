/**
 * HTTP for the service clients: one `fetch` per request with the caller's headers and
 * credentials, a timeout, cancel through an `AbortSignal`, and every failure turned into a
 * {@link ServiceError} whose message says what happened and what to do. Header values are never
 * put in messages or URLs; URLs in messages have secret-looking query values redacted.
 */
import { parseXml, children, attr } from './xml.js';

/** What went wrong talking to a service. */
export type ServiceErrorCode =
  /** The server answered with an HTTP error status. */
  | 'service-http'
  /** No answer within the timeout. */
  | 'service-timeout'
  /** The server answered with an OGC exception report (or an OGC API error document). */
  | 'service-exception'
  /** A browser blocked the cross-origin request (the server sends no Access-Control-Allow-Origin). */
  | 'service-cors'
  /** The server could not be reached (DNS, refused connection, TLS). */
  | 'service-network'
  /** The caller cancelled. */
  | 'service-aborted'
  /** The answer could not be read (not XML/JSON, not a feature collection, no such layer, …). */
  | 'service-bad-response';

/** A failed service request. `url` has secret-looking query values replaced by `***`. */
export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly url: string;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** OGC exception code (`InvalidParameterValue`, …) when the server sent an exception report. */
  readonly exceptionCode?: string;

  constructor(code: ServiceErrorCode, message: string, details: { url: string; status?: number; exceptionCode?: string }) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.exceptionCode !== undefined) this.exceptionCode = details.exceptionCode;
  }
}

/** Progress of a layer download. */
export interface ServiceProgress {
  /** Features received so far. */
  features: number;
  /** Features the server says match (`numberMatched`, `totalFeatures`), or `null` when unknown. */
  total: number | null;
  /** Pages (requests for features) made so far. */
  pages: number;
  /** Bytes of feature responses received so far. */
  bytes: number;
}

/** Request options shared by every service call. */
export interface ServiceRequestOptions {
  /**
   * Headers sent with every request to the service's origin (an `Authorization` header, an API
   * key header). Never logged, never added to URLs. Not sent to other origins (a `next` link
   * pointing elsewhere is fetched without them).
   */
  headers?: Record<string, string>;
  /** `fetch` credentials mode (`include` sends the portal's cookies cross-origin). Default `same-origin`. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Cancels every request of the call; the promise rejects with code `service-aborted`. */
  signal?: AbortSignal;
  /** Timeout of each request, ms. Default 60 000. */
  timeoutMs?: number;
  /** Called after each page of features. */
  onProgress?: (progress: ServiceProgress) => void;
  /** A `fetch` to use instead of the global one (tests, a proxying fetch). */
  fetch?: typeof fetch;
}

const SECRET_PARAM = /^(tk|key|apikey|api_key|api-key|token|access_token|auth|authkey|password|passwd|pwd|sig|signature|secret|client_secret)$/i;

/** A URL with the values of secret-looking query parameters (`tk`, `key`, `token`, …) and any user:password replaced by `***`. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/([?&](?:tk|key|apikey|api_key|token|access_token|password)=)[^&#]*/gi, '$1***');
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
  }
  const keys: string[] = [];
  u.searchParams.forEach((_v, k) => keys.push(k));
  for (const k of keys) if (SECRET_PARAM.test(k)) u.searchParams.set(k, '***');
  return u.href;
}

/** The page's origin in a browser or worker; `null` in Node. */
function pageOrigin(): string | null {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return loc && typeof loc.origin === 'string' && loc.origin !== 'null' ? loc.origin : null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The CORS message: what the browser did and the fix, for QGIS Server, GeoServer and nginx. */
export function corsMessage(url: string, origin: string): string {
  return (
    `The browser blocked the request to ${originOf(url) ?? url} from ${origin}, or the server is unreachable: ` +
    `a service on another origin must send "Access-Control-Allow-Origin: ${origin}" (or "*"). ` +
    'Fix on the server: QGIS Server — a server filter plugin adding the header (see docs/services.md), or serve it behind the portal\'s web server; ' +
    'GeoServer — enable the CORS filter in WEB-INF/web.xml; nginx — `add_header Access-Control-Allow-Origin $http_origin always;` (and answer OPTIONS when headers are sent). ' +
    'Or reach the service through a proxy on the page\'s own origin.'
  );
}

/** Parses an OGC exception report; `null` when the text is not one. */
export function readExceptionReport(text: string): { code?: string; message: string } | null {
  const head = text.slice(0, 2000);
  if (!/ExceptionReport|ServiceExceptionReport/.test(head)) return null;
  try {
    const root = parseXml(text);
    if (!/ExceptionReport$/.test(root.local)) return null;
    const parts: string[] = [];
    let code: string | undefined;
    const visit = (el: typeof root): void => {
      if (el.local === 'Exception' || el.local === 'ServiceException') {
        code ??= attr(el, 'exceptionCode') ?? attr(el, 'code');
        const texts = children(el, 'ExceptionText').map((t) => t.text.trim());
        const own = el.text.trim();
        const msg = [own, ...texts].filter(Boolean).join(' ');
        const locator = attr(el, 'locator');
        parts.push(locator ? `${msg} (${locator})` : msg);
      }
      for (const c of el.children) visit(c);
    };
    visit(root);
    return { ...(code ? { code } : {}), message: parts.filter(Boolean).join('; ') || 'exception report without text' };
  } catch {
    return { message: text.slice(0, 300) };
  }
}

/** A successful answer: the text, its content type and its size in bytes. */
export interface ServiceText {
  text: string;
  contentType: string;
  bytes: number;
}

/**
 * GETs a URL and returns its text, raising {@link ServiceError} on HTTP errors, timeouts,
 * exception reports, cancellation and blocked or failed connections. `what` names the request in
 * messages ("WFS GetCapabilities").
 */
export async function getText(url: string, options: ServiceRequestOptions, what: string, serviceUrl: string = url): Promise<ServiceText> {
  const shown = redactUrl(url);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  if (options.signal) {
    if (options.signal.aborted) controller.abort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  }
  const sameService = originOf(url) !== null && originOf(url) === originOf(serviceUrl);
  const init: RequestInit = { signal: controller.signal, credentials: options.credentials ?? 'same-origin' };
  if (options.headers && sameService) init.headers = { ...options.headers };
  try {
    let res: Response;
    try {
      res = await doFetch(url, init);
    } catch (e) {
      throw failure(e, shown, url, what, options.signal, timedOut, timeoutMs);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw failure(e, shown, url, what, options.signal, timedOut, timeoutMs);
    }
    const contentType = res.headers.get('content-type') ?? '';
    const report = readExceptionReport(text);
    if (report) {
      throw new ServiceError('service-exception', `${what}: the server answered with an exception${report.code ? ` ${report.code}` : ''}: ${report.message} (${shown})`, {
        url: shown,
        status: res.status,
        ...(report.code ? { exceptionCode: report.code } : {}),
      });
    }
    if (!res.ok) {
      let detail = '';
      if (/json/.test(contentType)) {
        try {
          const j = JSON.parse(text) as { description?: unknown; detail?: unknown; title?: unknown; code?: unknown };
          const d = j.description ?? j.detail ?? j.title ?? j.code;
          if (typeof d === 'string') detail = `: ${d}`;
        } catch {
          // Not JSON after all: the status says enough.
        }
      }
      const hint = res.status === 401 || res.status === 403 ? ' (the service needs credentials: give them through the element’s serviceHeaders property, the loader’s headers option, or CARBON_BALANCE_SERVICE_HEADERS for the CLI)' : '';
      throw new ServiceError('service-http', `${what}: HTTP ${res.status} ${res.statusText}${detail}${hint} (${shown})`, { url: shown, status: res.status });
    }
    const bytes = typeof TextEncoder === 'function' ? new TextEncoder().encode(text).length : text.length;
    return { text, contentType, bytes };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function failure(e: unknown, shown: string, url: string, what: string, signal: AbortSignal | undefined, timedOut: boolean, timeoutMs: number): ServiceError {
  if (e instanceof ServiceError) return e;
  if (timedOut) return new ServiceError('service-timeout', `${what}: no answer within ${Math.round(timeoutMs / 1000)} s (${shown})`, { url: shown });
  if (signal?.aborted) return new ServiceError('service-aborted', `${what}: cancelled`, { url: shown });
  const origin = pageOrigin();
  const target = originOf(url);
  if (e instanceof TypeError && origin && target && target !== origin) {
    return new ServiceError('service-cors', `${what}: ${corsMessage(url, origin)} (${shown})`, { url: shown });
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return new ServiceError('service-network', `${what}: the server could not be reached (${reason}) (${shown})`, { url: shown });
}

/** GETs JSON (see {@link getText}). */
export async function getJson<T = unknown>(url: string, options: ServiceRequestOptions, what: string, serviceUrl: string = url): Promise<{ json: T; bytes: number }> {
  const r = await getText(url, options, what, serviceUrl);
  try {
    return { json: JSON.parse(r.text) as T, bytes: r.bytes };
  } catch {
    throw new ServiceError('service-bad-response', `${what}: the answer is not JSON (content type ${r.contentType || 'none'}; starts "${r.text.slice(0, 80)}") (${redactUrl(url)})`, {
      url: redactUrl(url),
    });
  }
}

/** Adds or replaces query parameters (names compared case-insensitively, as OGC KVP does). */
export function withParams(base: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) {
    const keys: string[] = [];
    u.searchParams.forEach((_v, key) => keys.push(key));
    for (const existing of keys) if (existing.toLowerCase() === k.toLowerCase()) u.searchParams.delete(existing);
    if (v !== undefined) u.searchParams.set(k, String(v));
  }
  return u.href;
}

