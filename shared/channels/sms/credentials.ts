import { channelSecrets } from '../credentials.ts';

export interface TwilioCredentials {
  readonly accountSid: string;
  /** Signs webhooks and authenticates REST calls (HTTP Basic with the Account SID). */
  readonly authToken: string;
}

/** TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the channel secret (env vars locally), cached. */
export async function twilioCredentials(options: { refresh?: boolean } = {}): Promise<TwilioCredentials> {
  const secrets = await channelSecrets('sms', options);
  return { accountSid: secrets.TWILIO_ACCOUNT_SID, authToken: secrets.TWILIO_AUTH_TOKEN };
}
