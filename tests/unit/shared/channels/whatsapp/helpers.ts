import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The shared folder sits beside the repository, here and in CI. */
export const SAMPLE_DIR = resolve(repoRoot, '../shared/payloads/whatsapp');
/** Variants from Meta's docs that the sample folder lacks (sources in its README). */
export const FIXTURE_DIR = resolve(repoRoot, 'tests/contract/whatsapp/fixtures');

export const PHONE_NUMBER_ID = '106540352242922';
export const WABA_ID = '102290129340398';
export const CUSTOMER_WA_ID = '16505551234';
export const CUSTOMER_BSUID = 'US.13491208655302741918';
export const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');

export function jsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

export function load(dir: string, name: string): string {
  return readFileSync(resolve(dir, name), 'utf8');
}

/** A messages-field webhook as Meta posts it, with the given value parts. */
export function webhook(value: Record<string, unknown>, field = 'messages'): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** One inbound message from the usual customer (phone and name known). */
export function inbound(message: Record<string, unknown>, contacts?: unknown[]): Record<string, unknown> {
  return webhook({
    contacts: contacts ?? [{ profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER_WA_ID }],
    messages: [{ from: CUSTOMER_WA_ID, id: 'wamid.IN1', timestamp: '1767225600', ...message }],
  });
}

export function only(events: InboundEvent[]): InboundEvent {
  if (events.length !== 1) throw new Error(`expected one event, got ${events.length}`);
  return events[0] as InboundEvent;
}

export function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
