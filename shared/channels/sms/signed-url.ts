/**
 * The URL Twilio signed is the one it called, which we rebuild from configuration (never from the
 * Host header: behind API Gateway and CloudFront the Host is not what Twilio dialled). Twilio's
 * own validators accept a few spellings of that URL, because Twilio's signing side has not always
 * written ports and quotes the same way; we accept the same family (protocols.md §4c).
 */

/** PUBLIC_BASE_URL (a trailing slash or not) + the request path + the query string exactly as received. */
export function twilioWebhookUrl(publicBaseUrl: string, path: string, rawQuery: string | undefined): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  return `${base}${suffix}${rawQuery ? `?${rawQuery}` : ''}`;
}

/**
 * Spellings of `url` a genuine signature may have been computed over:
 * - as given, as a WHATWG URL serialises it (e.g. `'` in the query becomes `%27`), and with `%27`
 *   turned back into `'`;
 * - each without its port and with the scheme's default port written out (`:443` / `:80`).
 */
export function signedUrlVariants(url: string): string[] {
  const spellings = new Set<string>([url, url.replace(/%27/gi, "'")]);
  try {
    spellings.add(new URL(url).href);
  } catch {
    // Not a URL at all: only the literal spelling can match.
  }
  const variants = new Set<string>();
  for (const spelling of spellings) {
    variants.add(spelling);
    variants.add(withoutPort(spelling));
    variants.add(withDefaultPort(spelling));
  }
  return [...variants];
}

/** scheme://, optional user:pass@, host (or [IPv6]), optional :port, then the rest. */
const AUTHORITY = /^(https?:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d*)?(.*)$/is;

function withoutPort(url: string): string {
  const match = AUTHORITY.exec(url);
  if (!match) return url;
  const [, scheme, userInfo = '', host, , rest] = match;
  return `${scheme}${userInfo}${host}${rest}`;
}

function withDefaultPort(url: string): string {
  const match = AUTHORITY.exec(url);
  if (!match || match[4]) return url;
  const [, scheme = '', userInfo = '', host, , rest] = match;
  const port = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return `${scheme}${userInfo}${host}${port}${rest}`;
}
