import { channelSecrets } from '../credentials.ts';

export interface MessengerCredentials {
  /** Signs every webhook (X-Hub-Signature-256). */
  readonly appSecret: string;
  /** Our answer to the GET subscription handshake. */
  readonly verifyToken: string;
  /** Sends as the Page; /me/messages is the Page the token belongs to. */
  readonly pageAccessToken: string;
}

/** Messenger's secrets under their documented names (env locally, the channel secret on AWS). */
export async function messengerCredentials(
  options: { refresh?: boolean } = {},
): Promise<MessengerCredentials> {
  const secrets = await channelSecrets('messenger', options);
  return {
    appSecret: secrets.MESSENGER_APP_SECRET,
    verifyToken: secrets.MESSENGER_VERIFY_TOKEN,
    pageAccessToken: secrets.MESSENGER_PAGE_ACCESS_TOKEN,
  };
}
