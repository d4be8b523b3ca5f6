import { deliveryReference } from '../../domain/delivery-reference.ts';
import type { OutboundMessage } from '../../domain/messages.ts';
import type { ReplyWindow } from '../../domain/reply-window.ts';
import { UndeliverableMessageError } from '../errors.ts';
import type { WhatsappTemplate } from './credentials.ts';
import {
  LIST,
  listMessage,
  quickReplyStyle,
  REPLY_BUTTONS,
  replyButtons,
  withNumberedChoices,
} from './render-interactive.ts';
import { splitTail, splitText } from './split-text.ts';
import type { MarkReadBody, SendMessageBody } from './wire-types.ts';

/** A text message body holds at most 4096 characters. */
export const WHATSAPP_MAX_TEXT = 4096;
/** Template body parameters: no line breaks, tabs or more than 4 spaces in a row; the body holds 1024. */
const TEMPLATE_PARAMETER_MAX = 1024;

export type WhatsappRequest =
  | { readonly method: 'sendMessage'; readonly body: SendMessageBody }
  | { readonly method: 'markRead'; readonly body: MarkReadBody };

export interface RenderOptions {
  readonly window: ReplyWindow;
  /** The approved template for a closed customer service window; none configured → undeliverable. */
  readonly template?: WhatsappTemplate;
}

/**
 * The Messages API calls that deliver one message. Inside the 24-hour window: text split at 4096
 * characters on line or word breaks, quick replies on the last part as reply buttons (≤3), a list
 * (4-10) or numbered lines (more). Outside it: the configured template with the text as its body
 * parameter, since WhatsApp refuses free-form messages then (error 131047).
 */
export function renderWhatsappMessage(message: OutboundMessage, options: RenderOptions): WhatsappRequest[] {
  // Every part carries our tag, so a status report names the message even if we never learnt its
  // wamid; only the last part's tag says the whole message got there.
  const requests = renderParts(message, options);
  return requests.map((request, index) =>
    request.method === 'sendMessage'
      ? {
          ...request,
          body: {
            ...request.body,
            biz_opaque_callback_data: deliveryReference(message, {
              morePartsFollow: index < requests.length - 1,
            }),
          },
        }
      : request,
  );
}

function renderParts(message: OutboundMessage, options: RenderOptions): WhatsappRequest[] {
  const recipient = recipientOf(message.to.chatId);
  if (options.window === 'template_only') return [templateRequest(message, recipient, options.template)];
  if (options.window !== 'open')
    throw new UndeliverableMessageError(
      'whatsapp',
      'window_closed: the customer has not written for 24 hours',
    );

  const style = quickReplyStyle(message.quickReplies);
  const text =
    style === 'numbered_text' ? withNumberedChoices(message.text, message.quickReplies) : message.text;
  const parts = splitText(text, WHATSAPP_MAX_TEXT);
  if (parts.length === 0)
    throw new UndeliverableMessageError('whatsapp', 'WhatsApp cannot send a message without text');
  if (style !== 'buttons' && style !== 'list') return parts.map((part) => textRequest(recipient, part));

  // The buttons ride on the last part; a reply-button body is shorter than a text message.
  const bodyMax = style === 'buttons' ? REPLY_BUTTONS.bodyMax : LIST.bodyMax;
  const { head, tail } = splitTail(parts.pop() as string, bodyMax);
  if (head !== '') parts.push(head);
  const interactive =
    style === 'buttons' ? replyButtons(tail, message.quickReplies) : listMessage(tail, message.quickReplies);
  return [
    ...parts.map((part) => textRequest(recipient, part)),
    { method: 'sendMessage', body: { ...envelope(recipient), type: 'interactive', interactive } },
  ];
}

/** Marks the customer's message read and shows "typing…" until we answer (or 25 s pass). */
export function renderMarkReadAndTyping(providerMessageId: string): WhatsappRequest {
  return {
    method: 'markRead',
    body: {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: providerMessageId,
      typing_indicator: { type: 'text' },
    },
  };
}

type Recipient = { readonly to: string } | { readonly recipient: string };

/**
 * Phone digits go in `to`; a business-scoped user id (`CC.…`, for customers whose phone Meta
 * withholds) goes in `recipient`, as Meta's BSUID guide prescribes.
 */
export function recipientOf(chatId: string): Recipient {
  const digits = chatId.startsWith('+') ? chatId.slice(1) : chatId;
  return /^\d+$/.test(digits) ? { to: digits } : { recipient: chatId };
}

function envelope(recipient: Recipient) {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...recipient } as const;
}

function textRequest(recipient: Recipient, body: string): WhatsappRequest {
  return { method: 'sendMessage', body: { ...envelope(recipient), type: 'text', text: { body } } };
}

function templateRequest(
  message: OutboundMessage,
  recipient: Recipient,
  template: WhatsappTemplate | undefined,
): WhatsappRequest {
  if (!template)
    throw new UndeliverableMessageError(
      'whatsapp',
      'window_closed: no WhatsApp template is configured for messages after 24 hours',
    );
  const parameter = message.text.replace(/\s+/g, ' ').trim();
  if (parameter === '')
    throw new UndeliverableMessageError('whatsapp', 'WhatsApp cannot send a message without text');
  const length = Array.from(parameter).length;
  if (length > TEMPLATE_PARAMETER_MAX)
    throw new UndeliverableMessageError(
      'whatsapp',
      `window_closed: ${length} characters do not fit a template body (max ${TEMPLATE_PARAMETER_MAX})`,
    );
  return {
    method: 'sendMessage',
    body: {
      ...envelope(recipient),
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        components: [{ type: 'body', parameters: [{ type: 'text', text: parameter }] }],
      },
    },
  };
}
