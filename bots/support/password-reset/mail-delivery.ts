/** A message carrying a reset link, to an e-mail address or (as a text message) an E.164 phone. */
export interface ResetLinkMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Where the demo provider hands its messages: the local mailbox sandbox, in process (its `Mailbox`
 * fits this shape) or over HTTP. The result, sync or async, is awaited and otherwise ignored.
 */
export interface MailDelivery {
  deliver(mail: ResetLinkMail): unknown;
}

/**
 * Delivers through the mailbox sandbox's HTTP API (`POST {mailboxUrl}/messages`), for handlers that
 * run like Lambdas and hold no reference to the sandbox object, e.g. MAILBOX_API_URL locally.
 */
export function httpMailDelivery(mailboxUrl: string, fetchFn: typeof fetch = fetch): MailDelivery {
  const endpoint = `${mailboxUrl.replace(/\/+$/, '')}/messages`;
  return {
    async deliver(mail) {
      const response = await fetchFn(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(mail),
        signal: AbortSignal.timeout(5_000),
      });
      // The status only: the body could echo the address.
      if (!response.ok) throw new Error(`mailbox delivery failed with HTTP ${response.status}`);
    },
  };
}
