import type { HttpRequest, HttpResponse } from '../../http/types.ts';
import { metaHandshake } from '../meta/handshake.ts';

/** Meta's subscription check for the WhatsApp product (see ../meta/handshake.ts). */
export function whatsappHandshake(request: HttpRequest, verifyToken: string): HttpResponse {
  return metaHandshake(request.query, verifyToken);
}
