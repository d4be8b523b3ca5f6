import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeForm } from '../../../../../shared/channels/sms/form.ts';
import { twilioWebhookUrl } from '../../../../../shared/channels/sms/signed-url.ts';
import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from '../../../../../shared/channels/sms/verify.ts';
import type { HttpRequest } from '../../../../../shared/http/types.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The shared folder sits beside the repository, here and in CI. */
export const SAMPLE_DIR = resolve(repoRoot, '../shared/payloads/sms');
/** Variants found in Twilio's docs and tools, each with a `_source` note. */
export const FIXTURE_DIR = resolve(repoRoot, 'tests/contract/sms/fixtures');

export const AUTH_TOKEN = '12345678901234567890123456789012';
export const ACCOUNT_SID = 'ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const PUBLIC_BASE_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
export const WEBHOOK_PATH = '/webhooks/sms';

export type FormParams = Record<string, string>;

export interface NamedPayload {
  readonly name: string;
  readonly params: FormParams;
}

/** Every sample (the form parameters as a JSON object) and every doc-variant fixture. */
export function allPayloads(): NamedPayload[] {
  const samples = readdirSync(SAMPLE_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ name: `sample/${file}`, params: readJson(resolve(SAMPLE_DIR, file)) as FormParams }));
  const fixtures = readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const fixture = readJson(resolve(FIXTURE_DIR, file)) as { _source?: string; params: FormParams };
      if (!fixture._source) throw new Error(`${file} lacks its _source note`);
      return { name: `fixture/${file}`, params: fixture.params };
    });
  return [...samples, ...fixtures];
}

export function payload(name: string): FormParams {
  const found = allPayloads().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no payload ${name}`);
  return found.params;
}

export function webhookUrl(rawQuery = ''): string {
  return twilioWebhookUrl(PUBLIC_BASE_URL, WEBHOOK_PATH, rawQuery);
}

/** The request Twilio would make for these parameters, signed with `token`. */
export function signedWebhookRequest(params: FormParams, token = AUTH_TOKEN): HttpRequest {
  const body = encodeForm(params);
  return {
    method: 'POST',
    path: WEBHOOK_PATH,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(token, webhookUrl(), params),
    },
    query: {},
    rawBody: Buffer.from(body, 'utf8'),
    requestId: 'test-request',
  };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
