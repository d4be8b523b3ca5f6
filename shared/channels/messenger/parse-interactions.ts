import type { InboundEvent, Referral } from '../../domain/events.ts';
import {
  addressOf,
  type EventContext,
  epochMs,
  isoOf,
  isRecord,
  nonEmptyString,
  syntheticEventId,
  unsupportedEvent,
  wireId,
} from './parse-values.ts';

/**
 * Events other than messages, for a sender we know (`psid`). Each reads one documented object and
 * falls back to an `unsupported` event when the object is not what Meta documents.
 */

/** A postback (button, Get Started, persistent menu) is a tap; `mid` exists since Graph v11. */
export function fromPostback(postback: unknown, psid: string, context: EventContext): InboundEvent {
  if (!isRecord(postback)) return malformed(context, 'postback');
  const mid = nonEmptyString(postback.mid);
  const eventId = mid ? `messenger:${context.pageId}:${mid}` : syntheticEventId(context, 'postback');
  const label = nonEmptyString(postback.title);
  return {
    kind: 'tap',
    eventId,
    address: addressOf(context.pageId, psid),
    occurredAt: context.occurredAt,
    tapId: mid ?? eventId,
    payload: typeof postback.payload === 'string' ? postback.payload : '',
    ...(label ? { label } : {}),
    profile: {},
  };
}

/**
 * A customer already in the thread came back through an m.me link, an ad or a plugin. It is a
 * customer interaction (it starts a reply window and says where they came from), so it becomes a
 * message without text carrying the referral; there is nothing unreadable in it.
 */
export function fromStandaloneReferral(referral: unknown, psid: string, context: EventContext): InboundEvent {
  const normalised = referralOf(referral);
  if (!normalised) return malformed(context, 'referral');
  const eventId = syntheticEventId(context, 'referral');
  return {
    kind: 'message',
    eventId,
    address: addressOf(context.pageId, psid),
    occurredAt: context.occurredAt,
    // Referrals have no mid; the event id is stable and unique, so it names the entry in the transcript.
    providerMessageId: eventId,
    text: '',
    referral: normalised,
    profile: {},
  };
}

export function fromReaction(reaction: unknown, psid: string, context: EventContext): InboundEvent {
  if (!isRecord(reaction)) return malformed(context, 'reaction');
  const mid = nonEmptyString(reaction.mid);
  // Removing a reaction may omit the emoji; the domain says so with an empty one.
  const emoji =
    reaction.action === 'unreact'
      ? ''
      : (nonEmptyString(reaction.emoji) ?? nonEmptyString(reaction.reaction));
  if (!mid || emoji === undefined) return malformed(context, 'reaction');
  return {
    kind: 'reaction',
    eventId: syntheticEventId(context, 'reaction'),
    address: addressOf(context.pageId, psid),
    occurredAt: context.occurredAt,
    providerMessageId: mid,
    emoji,
    profile: {},
  };
}

/** An edit keeps the mid of the message it changes; `num_edit` (1-5) makes each edit its own event. */
export function fromEdit(edit: unknown, psid: string, context: EventContext): InboundEvent {
  if (!isRecord(edit)) return malformed(context, 'message_edit');
  const mid = nonEmptyString(edit.mid);
  if (!mid || typeof edit.text !== 'string') return malformed(context, 'message_edit');
  const editNumber = wireId(edit.num_edit) ?? context.contentDigest;
  return {
    kind: 'edit',
    eventId: `messenger:${context.pageId}:${mid}:edit:${editNumber}`,
    address: addressOf(context.pageId, psid),
    occurredAt: context.occurredAt,
    providerMessageId: mid,
    text: edit.text,
    profile: {},
  };
}

/**
 * `delivery` and `read` report everything we sent before a watermark (ms). The customer is the
 * sender of the receipt; a receipt without watermark says nothing and is kept as unsupported.
 */
export function fromWatermark(
  receipt: unknown,
  status: 'delivered' | 'read',
  psid: string,
  context: EventContext,
): InboundEvent {
  const kind = status === 'delivered' ? 'delivery' : 'read';
  const watermark = isRecord(receipt) ? epochMs(receipt.watermark) : undefined;
  if (!isRecord(receipt) || watermark === undefined) return malformed(context, kind);
  const mids = Array.isArray(receipt.mids)
    ? receipt.mids.filter((mid): mid is string => typeof mid === 'string' && mid.length > 0)
    : [];
  return {
    kind: 'status_watermark',
    eventId: syntheticEventId(context, kind),
    channel: 'messenger',
    accountId: context.pageId,
    recipientId: psid,
    status,
    upTo: isoOf(watermark),
    ...(mids.length > 0 ? { providerMessageIds: mids } : {}),
    occurredAt: context.occurredAt,
  };
}

/** Where the customer came from: ads (with ad id and title), m.me links (ref), Shops products. */
export function referralOf(value: unknown): Referral | undefined {
  if (!isRecord(value)) return undefined;
  const productId = isRecord(value.product) ? wireId(value.product.id) : undefined;
  const source = nonEmptyString(value.source) ?? (productId ? 'PRODUCT' : undefined);
  if (!source) return undefined;
  const ref = nonEmptyString(value.ref) ?? productId;
  const adId = wireId(value.ad_id);
  const headline = isRecord(value.ads_context_data)
    ? nonEmptyString(value.ads_context_data.ad_title)
    : undefined;
  const url = nonEmptyString(value.referer_uri);
  return {
    source,
    ...(ref ? { ref } : {}),
    ...(adId ? { adId } : {}),
    ...(headline ? { headline } : {}),
    ...(url ? { url } : {}),
  };
}

function malformed(context: EventContext, kind: string): InboundEvent {
  return unsupportedEvent(context, syntheticEventId(context, kind), `${kind}:malformed`);
}
