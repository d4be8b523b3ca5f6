/**
 * Twilio error codes we act on (https://www.twilio.com/docs/api/errors). The REST API returns them
 * in `code`; status callbacks in `ErrorCode`.
 */

/** Worth another try later: throttling and Twilio's own queue overflowing. */
const RETRYABLE = new Set(['20429', '30001']);

/** The same request cannot succeed: the recipient, the number or our account must change first. */
const PERMANENT = new Set([
  '20003', // authentication failed
  '20404', // resource (e.g. the account) not found
  '21211', // invalid 'To' number
  '21408', // sending to this region is not enabled
  '21606', // 'From' is not a message-capable number of this account
  '21610', // recipient replied STOP (unsubscribed)
  '21612', // 'To' cannot be reached from this 'From' (no route)
  '21614', // 'To' is not a mobile number
  '21617', // body over 1600 characters
  '30003', // unreachable handset
  '30005', // unknown or inactive number
  '30006', // landline or unreachable carrier
]);

/** Short descriptions for codes seen in status callbacks, when Twilio sends no ErrorMessage. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  '30001': 'Queue overflow',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error',
  '30034': 'Message from an unregistered number (A2P 10DLC)',
  '21610': 'Recipient unsubscribed (replied STOP)',
};

/**
 * Whether a refused send may succeed if tried again: Twilio's own code decides when we know it,
 * otherwise the HTTP status (429 and 5xx are transient).
 */
export function isRetryableTwilioError(httpStatus: number, code: string): boolean {
  if (PERMANENT.has(code)) return false;
  if (RETRYABLE.has(code)) return true;
  return httpStatus === 429 || httpStatus >= 500;
}

export function describeTwilioError(code: string): string {
  return DESCRIPTIONS[code] ?? `Twilio error ${code}`;
}
