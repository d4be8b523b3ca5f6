import type { HttpRequest, HttpResponse } from '../http/types.ts';

/** Largest JSON body the agent API reads: a reply, a note or a transfer is far smaller. */
export const MAX_AGENT_BODY_BYTES = 16 * 1024;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** A refusal the caller can act on: an HTTP status, a stable machine-readable code, a sentence, details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = () =>
  new ApiError(404, 'not_found', 'No such conversation, or it belongs to a team you are not in');

export function errorBody(error: ApiError): HttpResponse {
  return json(error.status, { error: { code: error.code, message: error.message, ...error.details } });
}

export function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    // Agent data is personal data: never cached by a browser or a proxy.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** The JSON object in the request body, or a clear 4xx. */
export function readJsonBody(request: HttpRequest): Record<string, unknown> {
  if (request.rawBody.length > MAX_AGENT_BODY_BYTES)
    throw new ApiError(413, 'body_too_large', `Request bodies are limited to ${MAX_AGENT_BODY_BYTES} bytes`);
  if (request.rawBody.length === 0) return {};
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType))
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody));
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ApiError(400, 'invalid_request', 'The body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function pageSize(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1)
    throw new ApiError(400, 'invalid_request', 'limit must be a positive integer', { field: 'limit' });
  return Math.min(size, MAX_PAGE_SIZE);
}

export function requiredText(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ApiError(400, 'invalid_request', `${field} must be a non-empty string`, { field });
  if ([...value].length > max)
    throw new ApiError(422, 'text_too_long', `${field} is longer than ${max} characters`, { field, max });
  return value;
}
