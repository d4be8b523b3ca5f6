import type { Channel } from './channel.ts';
import type { Identity } from './identity.ts';
import { agentReplyWindow, type ReplyWindowStatus } from './reply-window.ts';

/** A channel an agent could use instead, offered when the chosen one cannot take a free-form reply. */
export interface ReplyAlternative {
  readonly channel: Channel;
  readonly window: ReplyWindowStatus;
  /** Only through the approved WhatsApp template (the text becomes its body). */
  readonly via: 'message' | 'template';
}

export type ReplyTarget =
  | { readonly ok: true; readonly identity: Identity; readonly viaTemplate: boolean }
  | {
      readonly ok: false;
      readonly code: 'no_channel' | 'channel_not_linked' | 'reply_window_closed' | 'opted_out';
      readonly channel?: Channel;
      readonly alternatives: readonly ReplyAlternative[];
    };

/**
 * Where an agent's reply goes: the channel asked for, or the one the customer wrote on most
 * recently. When that channel cannot take a free-form message now, the agent is told why and
 * offered the channels that can (never a silent failure at the platform).
 */
export function chooseReplyTarget(
  identities: readonly Identity[],
  request: { readonly channel?: Channel; readonly template?: boolean },
  now: Date,
  whatsappTemplateConfigured: boolean,
): ReplyTarget {
  const byRecency = [...identities].sort((a, b) =>
    (b.lastCustomerMessageAt ?? '').localeCompare(a.lastCustomerMessageAt ?? ''),
  );
  const alternatives = (except?: Identity): ReplyAlternative[] =>
    byRecency.flatMap((identity): ReplyAlternative[] => {
      if (identity === except || identity.optedOut) return [];
      const window = agentReplyWindow(identity.address.channel, identity.lastCustomerMessageAt, now);
      if (window.state === 'open' || window.state === 'human_agent')
        return [{ channel: identity.address.channel, window, via: 'message' }];
      if (window.state === 'template_only' && whatsappTemplateConfigured)
        return [{ channel: identity.address.channel, window, via: 'template' }];
      return [];
    });
  const target = request.channel
    ? byRecency.find((identity) => identity.address.channel === request.channel)
    : byRecency[0];
  if (!target)
    return {
      ok: false,
      code: request.channel ? 'channel_not_linked' : 'no_channel',
      ...(request.channel ? { channel: request.channel } : {}),
      alternatives: alternatives(),
    };
  const channel = target.address.channel;
  if (target.optedOut) return { ok: false, code: 'opted_out', channel, alternatives: alternatives(target) };
  const window = agentReplyWindow(channel, target.lastCustomerMessageAt, now);
  if (window.state === 'open' || window.state === 'human_agent')
    return { ok: true, identity: target, viaTemplate: false };
  if (window.state === 'template_only' && whatsappTemplateConfigured && request.template)
    return { ok: true, identity: target, viaTemplate: true };
  const others = alternatives(target);
  // The template on this same channel is an alternative too, when one is configured.
  const sameChannelTemplate: ReplyAlternative[] =
    window.state === 'template_only' && whatsappTemplateConfigured
      ? [{ channel, window, via: 'template' }]
      : [];
  return {
    ok: false,
    code: 'reply_window_closed',
    channel,
    alternatives: [...others, ...sameChannelTemplate],
  };
}
