import { type Language, languageFromLocale } from '../../../shared/domain/channel.ts';
import { RESET_COPY } from './reset-copy.ts';
import type { RedeemOutcome } from './reset-tokens.ts';

export interface ResetPageRequest {
  /** The request's Accept header: JSON when it asks for application/json and not for HTML. */
  readonly accept?: string;
  /** The request's Accept-Language header; English when it names none of ours. */
  readonly acceptLanguage?: string;
}

export interface ResetPageResponse {
  readonly statusCode: 200 | 410;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Headers for a page reached by a secret URL: never cached, never indexed, and no Referer, so the
 * token in the address bar does not travel to another site (OWASP Forgot Password cheat sheet).
 */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/**
 * What `GET /demo/reset?token=` answers. A spent, expired and unknown token get the very same
 * status and words, so the page cannot be used to probe which tokens once existed.
 */
export function resetPageResponse(outcome: RedeemOutcome, request: ResetPageRequest = {}): ResetPageResponse {
  const language = pageLanguage(request.acceptLanguage);
  const copy = RESET_COPY[language].page;
  const valid = outcome === 'ok';
  const statusCode = valid ? 200 : 410;
  const title = valid ? copy.validTitle : copy.invalidTitle;
  const message = valid ? copy.validBody : copy.invalidBody;
  if (wantsJson(request.accept)) {
    return {
      statusCode,
      headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ status: valid ? 'valid' : 'invalid', language, title, message }),
    };
  }
  return {
    statusCode,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' },
    body: [
      '<!doctype html>',
      `<html lang="${language}">`,
      '<head><meta charset="utf-8"><meta name="referrer" content="no-referrer">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title></head>`,
      `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body>`,
      '</html>',
    ].join('\n'),
  };
}

/** The first of our languages in the Accept-Language header, by its q weights; English otherwise. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? '', weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    const language = languageFromLocale(entry.tag);
    if (language) return language;
  }
  return 'en';
}

function wantsJson(accept: string | undefined): boolean {
  return (accept?.includes('application/json') ?? false) && !accept?.includes('text/html');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
