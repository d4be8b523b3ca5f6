/**
 * WhatsApp Cloud API shapes, 1:1 with Meta's webhook and Messages API references (the fields we
 * read or write). Only shared/channels/whatsapp/ imports this file. Everything in a webhook is
 * optional: since 2026 even the sender's phone (`from`, `wa_id`) may be missing (usernames and
 * business-scoped user ids), and Meta's own samples disagree with their captions.
 */

export interface WebhookBody {
  object?: string;
  entry?: WebhookEntry[];
}

export interface WebhookEntry {
  /** WhatsApp Business Account id. */
  id?: string;
  changes?: WebhookChange[];
}

export interface WebhookChange {
  field?: string;
  value?: WebhookValue;
}

export interface WebhookValue {
  messaging_product?: string;
  metadata?: { display_phone_number?: string; phone_number_id?: string };
  contacts?: WebhookContact[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
  errors?: WebhookError[];
}

export interface WebhookContact {
  profile?: { name?: string; username?: string };
  /** The user's WhatsApp id (their phone digits); omitted for username users we have not talked to. */
  wa_id?: string;
  /** Business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  user_id?: string;
  parent_user_id?: string;
}

export interface WebhookError {
  code?: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}

export interface WebhookMedia {
  id?: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  /** Lookaside URL on Meta's host (rolled out from November 2025); fetched with our token only. */
  url?: string;
  voice?: boolean;
  animated?: boolean;
}

export interface WebhookLocation {
  latitude?: number;
  longitude?: number;
  name?: string;
  address?: string;
  url?: string;
}

export interface WebhookSharedContact {
  name?: { formatted_name?: string; first_name?: string; last_name?: string };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  /** `contact_request`: the user shared their own number through a REQUEST_CONTACT_INFO button. */
  origin?: string;
  vcard?: string;
}

export interface WebhookReferral {
  source_url?: string;
  source_id?: string;
  source_type?: string;
  body?: string;
  headline?: string;
  media_type?: string;
  ctwa_clid?: string;
}

/** The content fields a message (or the new version inside an edit) can carry. */
export interface WebhookMessageContent {
  type?: string;
  text?: { body?: string };
  image?: WebhookMedia;
  video?: WebhookMedia;
  audio?: WebhookMedia;
  document?: WebhookMedia;
  sticker?: WebhookMedia;
  location?: WebhookLocation;
  contacts?: WebhookSharedContact[];
  context?: { from?: string; id?: string; forwarded?: boolean; frequently_forwarded?: boolean };
}

export interface WebhookMessage extends WebhookMessageContent {
  id?: string;
  /** The user's phone digits; omitted when Meta may not share it. */
  from?: string;
  /** The user's BSUID (2026+). */
  from_user_id?: string;
  /** Set when the message was written in a group chat. */
  group_id?: string;
  timestamp?: string | number;
  interactive?: {
    type?: string;
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string; description?: string };
  };
  /** A quick-reply button of a template message. */
  button?: { payload?: string; text?: string };
  reaction?: { message_id?: string; emoji?: string };
  edit?: { original_message_id?: string; message?: WebhookMessageContent };
  revoke?: { original_message_id?: string };
  referral?: WebhookReferral;
  system?: { body?: string; type?: string; wa_id?: string; user_id?: string };
  unsupported?: { type?: string };
  errors?: WebhookError[];
}

export interface WebhookStatus {
  /** The wamid of our message. */
  id?: string;
  status?: string;
  timestamp?: string | number;
  recipient_id?: string;
  recipient_user_id?: string;
  recipient_type?: string;
  errors?: WebhookError[];
}

/** Body of POST /{phone-number-id}/messages; `to` (phone) or `recipient` (BSUID) addresses the user. */
export type SendMessageBody = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to?: string;
  recipient?: string;
  /** Echoed in this message's status webhooks (≤ 512 characters). */
  biz_opaque_callback_data?: string;
} & (
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | { type: 'interactive'; interactive: InteractiveButtons | InteractiveList }
  | { type: 'template'; template: TemplateMessage }
);

export interface InteractiveButtons {
  type: 'button';
  body: { text: string };
  action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
}

export interface InteractiveList {
  type: 'list';
  body: { text: string };
  action: {
    button: string;
    sections: { title: string; rows: { id: string; title: string; description?: string }[] }[];
  };
}

export interface TemplateMessage {
  name: string;
  language: { code: string };
  components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
}

/** Marks an inbound message read; with `typing_indicator` the user also sees "typing…" for up to 25 s. */
export interface MarkReadBody {
  messaging_product: 'whatsapp';
  status: 'read';
  message_id: string;
  typing_indicator?: { type: 'text' };
}

export interface SendMessageResponse {
  messaging_product?: string;
  contacts?: { input?: string; wa_id?: string; user_id?: string }[];
  messages?: { id?: string; message_status?: string }[];
  success?: boolean;
}

/** A Graph API error answer. */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    fbtrace_id?: string;
    error_data?: { messaging_product?: string; details?: string };
  };
}
