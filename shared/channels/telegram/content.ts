import type { Attachment, SharedContact, SharedLocation } from '../../domain/events.ts';
import type { TelegramMessage } from './wire-types.ts';

/**
 * What a Telegram message carries besides text, in domain terms. Files are referenced by their
 * `file_id`, which only the Bot API (getFile) can turn into bytes. Never throws: fields of the
 * wrong type are skipped.
 */
export interface TelegramContent {
  readonly attachments: Attachment[];
  readonly location?: SharedLocation;
  readonly contacts: SharedContact[];
}

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const FILE_FIELDS: ReadonlyArray<[keyof TelegramMessage, Attachment['type']]> = [
  ['document', 'document'],
  ['audio', 'audio'],
  ['voice', 'voice'],
  ['video', 'video'],
  ['video_note', 'video'],
  ['animation', 'video'],
  ['sticker', 'sticker'],
];

export function telegramContent(message: TelegramMessage, senderId: number | undefined): TelegramContent {
  const caption = str(message.caption);
  const withCaption = (attachment: Attachment): Attachment =>
    caption ? { ...attachment, caption } : attachment;
  const attachments: Attachment[] = [];
  if (Array.isArray(message.photo)) {
    // Sizes come smallest first; the last one is the original.
    const largest = message.photo.filter(isRecord).at(-1);
    const fileId = str(largest?.file_id);
    if (fileId) attachments.push(withCaption({ type: 'image', providerRef: fileId, mimeType: 'image/jpeg' }));
  }
  for (const [field, type] of FILE_FIELDS) {
    const file = message[field];
    const fileId = isRecord(file) ? str(file.file_id) : undefined;
    if (!isRecord(file) || !fileId) continue;
    const mimeType = str(file.mime_type);
    const fileName = str(file.file_name);
    attachments.push(
      withCaption({
        type,
        providerRef: fileId,
        ...(mimeType ? { mimeType } : {}),
        ...(fileName ? { fileName } : {}),
      }),
    );
  }
  return { attachments, ...locationOf(message), contacts: contactsOf(message, senderId) };
}

function locationOf(message: TelegramMessage): { location?: SharedLocation } {
  const venue = isRecord(message.venue) ? message.venue : undefined;
  const point = isRecord(message.location)
    ? message.location
    : isRecord(venue?.location)
      ? venue.location
      : undefined;
  const latitude = num(point?.latitude);
  const longitude = num(point?.longitude);
  if (latitude === undefined || longitude === undefined) return {};
  const name = str(venue?.title);
  const address = str(venue?.address);
  return { location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
}

function contactsOf(message: TelegramMessage, senderId: number | undefined): SharedContact[] {
  if (!isRecord(message.contact)) return [];
  const contact = message.contact;
  const phone = str(contact.phone_number);
  const userId = num(contact.user_id);
  const name =
    [str(contact.first_name), str(contact.last_name)].filter(Boolean).join(' ') || phone || 'contact';
  return [
    {
      name,
      phones: phone ? [phone] : [],
      ...(userId !== undefined ? { providerUserId: String(userId) } : {}),
      // A user can share anyone's card; only their own (user_id = sender) vouches for their phone.
      ...(userId !== undefined && userId === senderId ? { isSender: true } : {}),
    },
  ];
}
