import { isUtf8 } from 'node:buffer';
import { errorResponse, type HttpRequest, type HttpResponse } from './types.ts';

/** What a webhook route accepts before any signature work is done. */
export interface WebhookBodyRules {
  /** Largest body the platform sends on this route, in bytes. */
  readonly maxBytes: number;
  /** Media types (no parameters) the platform sends on this route. */
  readonly contentTypes: readonly string[];
}

/**
 * Deepest JSON nesting a webhook may have. Platform payloads nest about ten levels; the limit keeps
 * a hostile 10 000-deep body from ever reaching a recursive parser or walker.
 */
export const MAX_JSON_DEPTH = 64;

export type BodyRejectionCode =
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'invalid_utf8'
  | 'json_too_deep';

export interface BodyRejection {
  readonly code: BodyRejectionCode;
  readonly response: HttpResponse;
}

/**
 * Checks a webhook body can have come from its platform at all: size, declared media type, UTF-8,
 * JSON depth. None of these ever fails for a genuine platform request, so answering 4xx cannot make
 * a platform retry or unsubscribe; all are linear scans, never a parse, and never throw.
 */
export function checkWebhookBody(request: HttpRequest, rules: WebhookBodyRules): BodyRejection | undefined {
  const body = request.rawBody;
  if (body.length > rules.maxBytes) {
    return reject(413, 'body_too_large', `Bodies on this route are limited to ${rules.maxBytes} bytes`);
  }
  const mediaType = mediaTypeOf(request.headers['content-type']);
  if (mediaType === undefined || !rules.contentTypes.includes(mediaType)) {
    return reject(
      415,
      'unsupported_media_type',
      `This route accepts ${rules.contentTypes.join(' or ')} bodies only`,
    );
  }
  if (!isUtf8(body)) return reject(400, 'invalid_utf8', 'The body is not valid UTF-8');
  if (mediaType === 'application/json' && jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    return reject(400, 'json_too_deep', `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels`);
  }
  return undefined;
}

function reject(status: number, code: BodyRejectionCode, message: string): BodyRejection {
  return { code, response: errorResponse(status, code, message) };
}

/** `application/json; charset=utf-8` → `application/json`; undefined when absent or blank. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  return mediaType ? mediaType : undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Whether brackets outside strings nest deeper than `limit`, in one pass over the bytes. */
export function jsonDepthExceeds(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index] as number;
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(byte)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}
