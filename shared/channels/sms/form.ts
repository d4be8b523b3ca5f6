import type { TwilioWebhookParams } from './wire-types.ts';

/**
 * Reads an application/x-www-form-urlencoded body into name → values, in the order received.
 * Never throws: malformed percent escapes decode to U+FFFD, as browsers and Twilio's SDKs do.
 */
export function readFormParams(body: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/** Encodes parameters as a form body (space as '+', everything else percent-encoded as the form rules say). */
export function encodeForm(params: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of typeof value === 'string' ? [value] : value) form.append(name, one);
  }
  return form.toString();
}

/** The first value of a parameter; Twilio sends each of its parameters once. */
export function firstValue(params: TwilioWebhookParams, name: string): string | undefined {
  return params.get(name)?.[0];
}
