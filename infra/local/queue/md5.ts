/**
 * The digests SQS puts next to a message. The AWS SDK recomputes MD5OfBody / MD5OfMessageBody and
 * rejects a response that does not match, so these must be byte-exact with the service.
 */
import { createHash } from 'node:crypto';
import type { MessageAttributes } from './message-types.ts';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** SQS transport type markers in the attribute digest. */
const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/**
 * MD5OfMessageAttributes as SQS computes it: attributes sorted by name, each encoded as
 * len(name) name len(type) type transport-byte len(value) value, lengths 4-byte big-endian.
 * Returns undefined when there are no attributes (SQS then omits the field).
 */
export function md5OfMessageAttributes(attributes: MessageAttributes | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (!attributes || names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name]!;
    parts.push(...lengthPrefixed(Buffer.from(name, 'utf8')));
    parts.push(...lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.DataType.startsWith('Binary')) {
      parts.push(Buffer.from([BINARY_TRANSPORT]));
      parts.push(...lengthPrefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64')));
    } else {
      parts.push(Buffer.from([STRING_TRANSPORT]));
      parts.push(...lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
