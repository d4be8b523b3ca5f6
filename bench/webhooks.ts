/**
 * Signed platform webhooks as Telegram and WhatsApp post them (the same shapes and signatures as
 * scripts/simulate.ts), addressed to one chat each so a reply can be matched to its message.
 */
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';
import { signMetaBody } from '../shared/channels/meta/signature.ts';
import { TELEGRAM_SECRET_HEADER } from '../shared/channels/telegram/verify.ts';

export type BenchChannel = 'telegram' | 'whatsapp';

export interface WebhookRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The recipient the platform sandbox records for the reply, e.g. `telegram:1000001`. */
  readonly recipient: string;
}

/** A customer writing on `channel` from chat number `chat`; `sequence` makes each event unique. */
export function signedWebhook(
  channel: BenchChannel,
  chat: number,
  sequence: number,
  text: string,
): WebhookRequest {
  const now = Math.floor(Date.now() / 1000);
  if (channel === 'telegram') {
    const body = JSON.stringify({
      update_id: sequence,
      message: {
        message_id: sequence,
        date: now,
        chat: { id: chat, type: 'private' },
        from: { id: chat, first_name: 'Ana', language_code: 'en' },
        text,
      },
    });
    return {
      path: '/webhooks/telegram',
      headers: {
        'content-type': 'application/json',
        [TELEGRAM_SECRET_HEADER]:
          process.env.TELEGRAM_WEBHOOK_SECRET ?? LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
      },
      body,
      recipient: `telegram:${chat}`,
    };
  }
  const waId = `4860${String(chat).padStart(7, '0')}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.bench${sequence}`,
                  timestamp: String(now),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return {
    path: '/webhooks/whatsapp',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaBody(
        body,
        process.env.WHATSAPP_APP_SECRET ?? LOCAL_DEFAULTS.WHATSAPP_APP_SECRET,
      ),
    },
    body,
    recipient: `whatsapp:${waId}`,
  };
}
