import type { Channel } from '../domain/channel.ts';
import type { InboundEvent } from '../domain/events.ts';
import type { WebhookBodyRules } from '../http/body-checks.ts';
import type { HttpRequest, HttpResponse } from '../http/types.ts';

/**
 * What the webhook needs from a channel. Each channel folder implements it with its own verify and
 * parse; wire types never leave the folder.
 */
export interface InboundAdapter {
  readonly channel: Channel;
  /** Size and media types the platform sends, checked before the signature (shared/http/body-checks.ts). */
  readonly body: WebhookBodyRules;
  /**
   * The GET subscription handshake (Meta: echo `hub.challenge` as text/plain when `hub.mode` is
   * `subscribe` and `hub.verify_token` matches, 403 otherwise). Absent when the platform has none.
   */
  handshake?(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Whether the request really comes from the platform, checked on the raw bytes in constant time.
   * `refreshCredentials` asks for freshly fetched credentials, used once after a failure in case
   * the secret was rotated. Never throws for any header value.
   */
  authenticate(request: HttpRequest, options: { refreshCredentials: boolean }): Promise<boolean>;
  /**
   * Domain events in the body: one per message, tap, reaction, status... (batches are split).
   * Never throws on malformed input: a verified body it cannot read becomes one `unsupported` event
   * with updateKind `unparseable`, kept for an operator.
   */
  parse(request: HttpRequest, receivedAt: Date): Promise<InboundEvent[]>;
  /** The 200 the platform expects; Twilio wants TwiML (an empty `<Response/>` sends nothing). Default JSON. */
  acceptedResponse?(): HttpResponse;
}

const MB = 1024 * 1024;

/** Per-route body rules: Meta batches stay under 3 MB; Telegram updates and Twilio forms are far smaller. */
export const WEBHOOK_BODY_RULES = {
  whatsapp: { maxBytes: 3 * MB, contentTypes: ['application/json'] },
  messenger: { maxBytes: 3 * MB, contentTypes: ['application/json'] },
  telegram: { maxBytes: 1 * MB, contentTypes: ['application/json'] },
  // Twilio posts forms; its JSON webhooks carry bodySHA256 in the URL.
  sms: { maxBytes: 256 * 1024, contentTypes: ['application/x-www-form-urlencoded', 'application/json'] },
} as const satisfies Record<Channel, WebhookBodyRules>;
