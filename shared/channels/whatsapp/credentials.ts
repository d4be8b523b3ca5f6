import { optionalEnv } from '../../config.ts';
import { channelSecrets } from '../credentials.ts';

export interface WhatsappCredentials {
  /** Signs every webhook POST (X-Hub-Signature-256). */
  readonly appSecret: string;
  /** Our answer to Meta's GET subscription handshake. */
  readonly verifyToken: string;
  /** System-user token for the Graph API (Bearer). */
  readonly accessToken: string;
}

/** The approved template sent when the 24-hour customer service window has closed. */
export interface WhatsappTemplate {
  readonly name: string;
  readonly language: string;
}

export const WHATSAPP_TEMPLATE_ENV = {
  name: 'WHATSAPP_TEMPLATE_NAME',
  language: 'WHATSAPP_TEMPLATE_LANGUAGE',
} as const;

export async function whatsappCredentials(options: { refresh?: boolean } = {}): Promise<WhatsappCredentials> {
  const secrets = await channelSecrets('whatsapp', options);
  return {
    appSecret: secrets.WHATSAPP_APP_SECRET,
    verifyToken: secrets.WHATSAPP_VERIFY_TOKEN,
    accessToken: secrets.WHATSAPP_ACCESS_TOKEN,
  };
}

/**
 * The window-closed template from WHATSAPP_TEMPLATE_NAME and WHATSAPP_TEMPLATE_LANGUAGE (e.g.
 * `en_US`); undefined unless both are set. Template names are configuration, not secrets.
 */
export function whatsappTemplateFromEnv(): WhatsappTemplate | undefined {
  const name = optionalEnv(WHATSAPP_TEMPLATE_ENV.name);
  const language = optionalEnv(WHATSAPP_TEMPLATE_ENV.language);
  return name && language ? { name, language } : undefined;
}
