import { deliveryReference } from '../../domain/delivery-reference.ts';
import type { OutboundMessage, QuickReply } from '../../domain/messages.ts';
import { UndeliverableMessageError } from '../errors.ts';
import type { DeliveryContext } from '../outbound-adapter.ts';
import { shortenWithEllipsis, splitText } from './text-limits.ts';
import type { MessengerQuickReply, MessengerSendRequest } from './wire-types.ts';

/** Send API limits: text 2000 characters, up to 13 quick replies, titles 20 and payloads 1000 characters. */
export const MESSENGER_MAX_TEXT = 2000;
export const MESSENGER_MAX_QUICK_REPLIES = 13;
export const MESSENGER_MAX_QUICK_REPLY_TITLE = 20;
export const MESSENGER_MAX_QUICK_REPLY_PAYLOAD = 1000;

/**
 * The Send API requests that deliver one message: long text is split on word boundaries and the
 * quick replies ride on the last part. More options than Messenger can show become a numbered
 * list in the text. The reply window decides the messaging type; outside it nothing is rendered.
 */
export function renderMessengerMessage(
  message: OutboundMessage,
  context: DeliveryContext,
): MessengerSendRequest[] {
  const delivery = deliveryType(message, context);
  const recipientId = message.to.chatId;
  if (recipientId === '') throw new UndeliverableMessageError('messenger', 'the recipient has no PSID');
  const options = message.quickReplies;
  const asQuickReplies = options.length > 0 && options.length <= MESSENGER_MAX_QUICK_REPLIES;
  const quickReplies = asQuickReplies ? options.map(toQuickReply) : undefined;
  const text =
    asQuickReplies || options.length === 0 ? message.text : withNumberedOptions(message.text, options);
  // Meta refuses blank text; a blank part after a cut would also strand the quick replies.
  const parts = splitText(text, MESSENGER_MAX_TEXT).filter((part) => part.trim() !== '');
  if (parts.length === 0)
    throw new UndeliverableMessageError('messenger', 'Messenger cannot send a message without text');
  // Our tag comes back in each part's echo, so an echo names the message even if we never learnt
  // its mid; only the last part's tag says the whole message got there.
  return parts.map((part, index) => {
    const morePartsFollow = index < parts.length - 1;
    return {
      recipient: { id: recipientId },
      ...delivery,
      message: {
        text: part,
        ...(quickReplies && !morePartsFollow ? { quick_replies: quickReplies } : {}),
        metadata: deliveryReference(message, { morePartsFollow }),
      },
    };
  });
}

/**
 * RESPONSE inside the 24-hour window. Between 24 hours and 7 days only a person may answer, with
 * the HUMAN_AGENT tag; automated messages and anything later cannot be sent at all.
 */
function deliveryType(
  message: OutboundMessage,
  context: DeliveryContext,
): Pick<MessengerSendRequest, 'messaging_type' | 'tag'> {
  switch (context.window) {
    case 'open':
      return { messaging_type: 'RESPONSE' };
    case 'human_agent':
      if (message.author.kind !== 'agent') {
        throw new UndeliverableMessageError(
          'messenger',
          'window_closed: more than 24 hours since the customer wrote; the HUMAN_AGENT tag is for people only',
        );
      }
      return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    default:
      throw new UndeliverableMessageError(
        'messenger',
        'window_closed: the customer has not written within the reply window (24 hours, 7 days for agents)',
      );
  }
}

function toQuickReply(option: QuickReply): MessengerQuickReply {
  if (option.label.trim() === '')
    throw new UndeliverableMessageError('messenger', 'a quick reply needs a label');
  const payloadLength = option.payload.length;
  if (payloadLength < 1 || payloadLength > MESSENGER_MAX_QUICK_REPLY_PAYLOAD) {
    throw new UndeliverableMessageError(
      'messenger',
      `quick reply payload must be 1-${MESSENGER_MAX_QUICK_REPLY_PAYLOAD} characters, got ${payloadLength}`,
    );
  }
  return {
    content_type: 'text',
    title: shortenWithEllipsis(option.label, MESSENGER_MAX_QUICK_REPLY_TITLE),
    payload: option.payload,
  };
}

/** The options the customer can answer by number when there are more than Messenger shows. */
function withNumberedOptions(text: string, options: readonly QuickReply[]): string {
  const list = options.map((option, index) => `${index + 1}. ${option.label}`).join('\n');
  return text.trim() === '' ? list : `${text}\n\n${list}`;
}
