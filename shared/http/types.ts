/** An HTTP request as the pipeline sees it, whether it came through API Gateway or the local runtime. */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case, as API Gateway HTTP APIs deliver them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The query string exactly as received (Twilio signs it as sent). */
  readonly rawQuery?: string;
  /** The body exactly as received: signatures are computed over these bytes. */
  readonly rawBody: Buffer;
  /** The domain the platform called, as API Gateway saw it (not a forwarded header). */
  readonly domainName?: string;
  /** Request id for log correlation (API Gateway's request id). */
  readonly requestId: string;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function jsonResponse(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Errors answered to callers carry a stable machine-readable code and a human sentence. */
export function errorResponse(statusCode: number, code: string, message: string): HttpResponse {
  return jsonResponse(statusCode, { error: { code, message } });
}
