/**
 * Messenger Platform wire types, 1:1 with Meta's webhook and Send API references (the fields we read
 * or write). Only shared/channels/messenger/ imports this file. Every inbound field is optional:
 * Meta's own samples omit "required" ones (no `timestamp` on deliveries, no `mid` on older postbacks),
 * and ids or timestamps sometimes arrive as strings.
 */

/** A Page id, PSID or timestamp: strings on the wire, numbers in some samples. */
export type WireId = string | number;

export interface MessengerWebhookBody {
  object?: string;
  entry?: MessengerEntry[];
}

export interface MessengerEntry {
  /** Our Page id. */
  id?: WireId;
  time?: WireId;
  messaging?: MessengerEvent[];
  /** Events of threads another app controls (handover protocol): observe, never answer. */
  standby?: MessengerEvent[];
  /** The App Dashboard's test notifications use the generic Graph `changes` shape. */
  changes?: { field?: string; value?: unknown }[];
}

export interface MessengerEvent {
  sender?: { id?: WireId; user_ref?: string };
  recipient?: { id?: WireId };
  /** Milliseconds since the epoch (a seconds string in one doc sample). */
  timestamp?: WireId;
  message?: MessengerMessage;
  postback?: MessengerPostback;
  referral?: MessengerReferral;
  reaction?: MessengerReaction;
  /** The documented key; `message_edits` is the webhook field name, accepted too. */
  message_edit?: MessengerMessageEdit;
  message_edits?: MessengerMessageEdit;
  delivery?: { mids?: string[]; watermark?: WireId };
  read?: { watermark?: WireId };
  [otherKind: string]: unknown;
}

export interface MessengerMessage {
  mid?: string;
  text?: string;
  is_echo?: boolean;
  app_id?: WireId;
  /** On an echo: the metadata the sender attached to the message. */
  metadata?: string;
  /** Instagram-style unsend marker; not in the Messenger reference, accepted if Meta sends it. */
  is_deleted?: boolean;
  quick_reply?: { payload?: string };
  reply_to?: { mid?: string; is_self_reply?: boolean };
  attachments?: MessengerAttachment[];
  referral?: MessengerReferral;
}

export interface MessengerAttachment {
  /** image | audio | video | file | sticker | location | fallback | template | reel | post | … */
  type?: string;
  payload?: {
    url?: string;
    title?: string;
    sticker_id?: WireId;
    coordinates?: { lat?: number; long?: number };
  } | null;
}

export interface MessengerPostback {
  mid?: string;
  title?: string;
  payload?: string;
  referral?: MessengerReferral;
}

export interface MessengerReferral {
  ref?: string;
  /** ADS | SHORTLINK | CUSTOMER_CHAT_PLUGIN | … */
  source?: string;
  type?: string;
  ad_id?: WireId;
  referer_uri?: string;
  ads_context_data?: { ad_title?: string };
  product?: { id?: WireId };
}

export interface MessengerReaction {
  /** smile | angry | sad | wow | love | like | dislike | other */
  reaction?: string;
  emoji?: string;
  action?: 'react' | 'unreact';
  mid?: string;
}

export interface MessengerMessageEdit {
  mid?: string;
  text?: string;
  num_edit?: WireId;
}

export interface MessengerQuickReply {
  content_type: 'text';
  /** At most 20 characters. */
  title: string;
  /** At most 1000 characters. */
  payload: string;
}

/** POST /me/messages with a message. */
export interface MessengerSendRequest {
  recipient: { id: string };
  messaging_type: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';
  /** Only with MESSAGE_TAG; HUMAN_AGENT is the tag left for support replies after 24 h. */
  tag?: 'HUMAN_AGENT';
  /** `metadata` comes back in the message's echo (≤ 1000 characters). */
  message: { text: string; quick_replies?: MessengerQuickReply[]; metadata?: string };
}

/** The Send API's answer to a message (sender actions answer without message_id). */
export interface MessengerSendResponse {
  recipient_id?: string;
  message_id?: string;
}

/** Every Graph API refusal. */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    is_transient?: boolean;
    fbtrace_id?: string;
  };
}
