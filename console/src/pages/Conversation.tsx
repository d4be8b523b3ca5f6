import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type Api,
  ApiError,
  type CannedReply,
  type Channel,
  type ConversationView,
  type Identity,
  type Me,
  type ReplyAlternative,
  type ReplyWindow,
  type TranscriptEntry,
} from '../api.ts';
import { type Translate, useI18n } from '../i18n.ts';

const CHANNEL_ICONS: Record<Channel, string> = {
  telegram: 'TG',
  whatsapp: 'WA',
  messenger: 'FB',
  sms: 'SMS',
};

export function ChannelBadge({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return (
    <span className={`badge ch-${channel}`} title={t(`channel_${channel}`)}>
      <span aria-hidden="true">{CHANNEL_ICONS[channel]}</span>
      <span className="sr-only">{t(`channel_${channel}`)}</span>
    </span>
  );
}

/** Open / closing in N minutes / closed, as an agent needs to read it. */
export function windowText(t: Translate, window: ReplyWindow, optedOut?: boolean, now = Date.now()): string {
  if (optedOut) return t('optedOut');
  switch (window.state) {
    case 'open': {
      if (!window.closesAt) return t('windowOpen');
      const minutes = Math.max(0, Math.round((Date.parse(window.closesAt) - now) / 60_000));
      return minutes <= 120 ? t('windowClosing', { n: minutes }) : t('windowOpen');
    }
    case 'human_agent':
      return t('windowHumanAgent', {
        time: window.closesAt ? new Date(window.closesAt).toLocaleString() : '',
      });
    case 'template_only':
      return t('windowTemplateOnly');
    case 'closed':
      return t('windowClosed');
  }
}

const usable = (identity: Identity) =>
  !identity.optedOut &&
  (identity.replyWindow.state === 'open' || identity.replyWindow.state === 'human_agent');

interface Props {
  readonly api: Api;
  readonly me: Me;
  readonly conversationId: string;
  /** Bumped when the live feed says this conversation changed. */
  readonly changed: number;
  readonly onClaim: () => void;
  readonly onChanged: () => void;
}

export function ConversationPane({ api, me, conversationId, changed, onClaim, onChanged }: Props) {
  const { t, language } = useI18n();
  const [view, setView] = useState<ConversationView>();
  const [teams, setTeams] = useState<readonly string[]>([]);
  const [canned, setCanned] = useState<readonly CannedReply[]>([]);
  const [channel, setChannel] = useState<Channel>();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [transferTeam, setTransferTeam] = useState('');
  const [refusal, setRefusal] = useState<{ message: string; alternatives: readonly ReplyAlternative[] }>();
  const [linkCode, setLinkCode] = useState<{ code: string; expiresAt: string; suggestedText: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const transcriptRef = useRef<HTMLOListElement>(null);

  const load = useCallback(async () => {
    try {
      setView(await api.get<ConversationView>(`/api/conversations/${conversationId}?limit=100`));
    } catch (cause) {
      setError((cause as Error).message);
    }
  }, [api, conversationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` is the live feed's signal to reload.
  useEffect(() => {
    void load();
  }, [load, changed]);
  useEffect(() => {
    api.get<{ teams: string[] }>('/api/teams').then(
      (body) => setTeams(body.teams),
      () => undefined,
    );
  }, [api]);

  const team = view?.conversation.team;
  const customerLanguage = view?.customer.language ?? language;
  useEffect(() => {
    const query = new URLSearchParams({ ...(team ? { team } : {}), language: customerLanguage });
    api.get<{ cannedReplies: CannedReply[] }>(`/api/canned-replies?${query}`).then(
      (body) => setCanned(body.cannedReplies),
      () => undefined,
    );
  }, [api, team, customerLanguage]);

  // The picker starts on the channel the customer wrote on last.
  useEffect(() => {
    if (!channel && view?.customer.mostRecentChannel) setChannel(view.customer.mostRecentChannel);
  }, [view, channel]);

  // Follow the newest message while the agent is at the bottom (also when the panes around resize).
  const stickToBottom = useRef(true);
  useEffect(() => {
    const transcript = transcriptRef.current;
    if (transcript && stickToBottom.current) transcript.scrollTop = transcript.scrollHeight;
  });

  const conversation = view?.conversation;
  const mineNow = conversation?.status === 'agent' && conversation.assignee === me.agentId;
  const identities = view?.customer.identities ?? [];
  const selected = identities.find((identity) => identity.channel === channel);

  const act = useCallback(
    async (action: 'resolve' | 'release' | 'transfer', body?: unknown) => {
      setBusy(true);
      setError(undefined);
      try {
        await api.post(`/api/conversations/${conversationId}/${action}`, body);
        await load();
        onChanged();
      } catch (cause) {
        setError((cause as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [api, conversationId, load, onChanged],
  );

  async function send(messageText = text): Promise<void> {
    if (!messageText.trim() || !channel) return;
    setBusy(true);
    setError(undefined);
    setRefusal(undefined);
    try {
      await api.post(
        `/api/conversations/${conversationId}/messages`,
        { text: messageText, channel },
        { 'idempotency-key': crypto.randomUUID() },
      );
      if (messageText === text) setText('');
      await load();
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 422)
        setRefusal({
          message: cause.message,
          alternatives: (cause.details.alternatives as ReplyAlternative[] | undefined) ?? [],
        });
      else setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function addNote() {
    if (!note.trim()) return;
    setBusy(true);
    try {
      await api.post(`/api/conversations/${conversationId}/notes`, { text: note });
      setNote('');
      await load();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function issueLinkCode() {
    try {
      setLinkCode(await api.post(`/api/conversations/${conversationId}/link-code`));
    } catch (cause) {
      setError((cause as Error).message);
    }
  }

  // R: reply box, N: note, E: resolve. Never while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.key === 'r') replyRef.current?.focus();
      else if (event.key === 'n') noteRef.current?.focus();
      else if (event.key === 'e' && mineNow) void act('resolve');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mineNow, act]);

  if (!view || !conversation)
    return (
      <section className="pane" aria-label={t('transcript')}>
        {error ? <p role="alert">{t('error', { message: error })}</p> : <p>{t('loading')}</p>}
      </section>
    );

  const statusLine =
    conversation.status === 'queue'
      ? t('statusQueue', { team: conversation.team ?? '' })
      : conversation.status === 'agent'
        ? t('statusAgent', {
            name: conversation.assignee === me.agentId ? t('you') : (conversation.assignee ?? ''),
          })
        : conversation.status === 'closed'
          ? t('statusClosed')
          : t('statusBot');
  const blocked = selected && !usable(selected);

  return (
    <div className="pane conversation">
      <section className="thread" aria-labelledby="conversation-title">
        <header className="thread-head">
          <div>
            <h2 id="conversation-title">{view.customer.displayName ?? view.customer.customerId}</h2>
            <p className="status-line">
              <span data-testid="conversation-status">{statusLine}</span>
              {conversation.team && <span className="team">{conversation.team}</span>}
              {conversation.survey?.rating !== undefined && (
                <span>{t('survey', { rating: conversation.survey.rating })}</span>
              )}
            </p>
            {(conversation.owner.summary ?? conversation.handoff?.summary) && (
              <p className="summary-box">
                <strong>{t('summary')}:</strong> {conversation.owner.summary ?? conversation.handoff?.summary}
              </p>
            )}
          </div>
          <div className="actions">
            {conversation.status === 'queue' && (
              <button type="button" className="primary" onClick={onClaim} aria-keyshortcuts="c">
                {t('claimHint')}
              </button>
            )}
            {mineNow && (
              <>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act('resolve')}
                  aria-keyshortcuts="e"
                >
                  {t('resolve')} (E)
                </button>
                <button type="button" disabled={busy} onClick={() => void act('release')}>
                  {t('release')}
                </button>
              </>
            )}
            {(conversation.status === 'agent' || conversation.status === 'queue') && (
              <>
                <button type="button" onClick={() => void issueLinkCode()}>
                  {t('linkCode')}
                </button>
                <label className="inline">
                  <span>{t('transfer')}</span>
                  <select value={transferTeam} onChange={(event) => setTransferTeam(event.target.value)}>
                    <option value="">—</option>
                    {teams.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  disabled={!transferTeam || busy}
                  onClick={() => void act('transfer', { team: transferTeam })}
                >
                  {t('transferButton')}
                </button>
              </>
            )}
          </div>
        </header>
        {error && (
          <p role="alert" className="error">
            {t('error', { message: error })}
          </p>
        )}
        {linkCode && (
          <div className="link-code" role="status">
            <p>
              {t('linkCodeIssued', {
                code: linkCode.code,
                time: new Date(linkCode.expiresAt).toLocaleTimeString(),
              })}
            </p>
            <blockquote data-testid="link-code-text">{linkCode.suggestedText}</blockquote>
            {mineNow && (
              <button
                type="button"
                onClick={() => void send(linkCode.suggestedText).then(() => setLinkCode(undefined))}
              >
                {t('sendLinkCode')}
              </button>
            )}
          </div>
        )}
        <h3 className="sr-only">{t('transcript')}</h3>
        <ol
          className="transcript"
          ref={transcriptRef}
          aria-label={t('transcript')}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (WCAG 2.1.1).
          tabIndex={0}
          onScroll={(event) => {
            const list = event.currentTarget;
            stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
          }}
        >
          {view.messages.map((entry) => (
            <Entry key={entry.messageId} entry={entry} me={me} />
          ))}
        </ol>
        {mineNow && (
          <form
            className="reply"
            onSubmit={(event) => {
              event.preventDefault();
              void send();
            }}
          >
            <fieldset className="channels">
              <legend>{t('replyTo')}</legend>
              {identities.map((identity) => (
                <label
                  key={`${identity.channel}:${identity.userId}`}
                  className={usable(identity) ? '' : 'unusable'}
                >
                  <input
                    type="radio"
                    name="channel"
                    value={identity.channel}
                    checked={channel === identity.channel}
                    onChange={() => {
                      setChannel(identity.channel);
                      setRefusal(undefined);
                    }}
                  />
                  <ChannelBadge channel={identity.channel} /> {t(`channel_${identity.channel}`)}:{' '}
                  <span className={`window w-${identity.optedOut ? 'closed' : identity.replyWindow.state}`}>
                    {windowText(t, identity.replyWindow, identity.optedOut)}
                  </span>
                </label>
              ))}
            </fieldset>
            {blocked && selected && !refusal && (
              <p className="warning" role="alert">
                {t('cannotUse', {
                  channel: t(`channel_${selected.channel}`),
                  why: selected.optedOut
                    ? t('whyOptedOut')
                    : selected.replyWindow.state === 'template_only'
                      ? t('whyTemplateOnly')
                      : t('whyWindowClosed'),
                })}{' '}
                <Alternatives
                  alternatives={identities
                    .filter((identity) => identity !== selected && usable(identity))
                    .map((identity) => ({
                      channel: identity.channel,
                      via: 'message',
                      window: identity.replyWindow,
                    }))}
                  onPick={setChannel}
                />
              </p>
            )}
            {refusal && (
              <p className="warning" role="alert">
                {refusal.message}{' '}
                <Alternatives
                  alternatives={refusal.alternatives}
                  onPick={(picked) => {
                    setChannel(picked);
                    setRefusal(undefined);
                  }}
                />
              </p>
            )}
            <div className="reply-tools">
              <label className="inline">
                <span>{t('canned')}</span>
                <select
                  value=""
                  onChange={(event) => {
                    const reply = canned.find((item) => `${item.team}:${item.id}` === event.target.value);
                    if (reply) setText((current) => (current ? `${current}\n${reply.text}` : reply.text));
                    replyRef.current?.focus();
                  }}
                >
                  <option value="">{t('cannedPick')}</option>
                  {canned.map((reply) => (
                    <option key={`${reply.team}:${reply.id}`} value={`${reply.team}:${reply.id}`}>
                      {reply.title}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label htmlFor="reply-text" className="sr-only">
              {t('reply')}
            </label>
            <textarea
              id="reply-text"
              ref={replyRef}
              value={text}
              rows={3}
              placeholder={t('replyPlaceholder')}
              aria-keyshortcuts="r"
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void send();
                }
              }}
            />
            <button type="submit" className="primary" disabled={busy || !text.trim() || !channel || blocked}>
              {busy ? t('sending') : t('send')}
            </button>
          </form>
        )}
        {(conversation.status === 'agent' || conversation.status === 'queue') && (
          <form
            className="note-form"
            onSubmit={(event) => {
              event.preventDefault();
              void addNote();
            }}
          >
            <label htmlFor="note-text">{t('note')}</label>
            <textarea
              id="note-text"
              ref={noteRef}
              rows={2}
              value={note}
              placeholder={t('notePlaceholder')}
              aria-keyshortcuts="n"
              onChange={(event) => setNote(event.target.value)}
            />
            <button type="submit" disabled={busy || !note.trim()}>
              {t('addNote')}
            </button>
          </form>
        )}
      </section>
      <aside className="profile" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('customer')}</h2>
        <p className="customer-id">{view.customer.displayName ?? view.customer.customerId}</p>
        {view.customer.language && (
          <p>
            {t('language')}: {view.customer.language}
          </p>
        )}
        <h3>{t('identities')}</h3>
        <ul className="identities">
          {identities.map((identity) => (
            <li key={`${identity.channel}:${identity.userId}`} data-channel={identity.channel}>
              <ChannelBadge channel={identity.channel} /> <span className="user-id">{identity.userId}</span>
              <span className={`window w-${identity.optedOut ? 'closed' : identity.replyWindow.state}`}>
                {windowText(t, identity.replyWindow, identity.optedOut)}
              </span>
              {identity.linkedBy && (
                <span className="muted">{t('linkedBy', { how: identity.linkedBy })}</span>
              )}
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}

function Alternatives({
  alternatives,
  onPick,
}: {
  alternatives: readonly ReplyAlternative[];
  onPick: (channel: Channel) => void;
}) {
  const { t } = useI18n();
  if (alternatives.length === 0) return <span>{t('noAlternatives')}</span>;
  return (
    <span>
      {t('alternatives')}{' '}
      {alternatives.map((alternative) => (
        <button
          type="button"
          key={`${alternative.channel}:${alternative.via}`}
          onClick={() => onPick(alternative.channel)}
        >
          {t('useChannel', { channel: t(`channel_${alternative.channel}`) })} (
          {windowText(t, alternative.window)})
        </button>
      ))}
    </span>
  );
}

function Entry({ entry, me }: { entry: TranscriptEntry; me: Me }) {
  const { t } = useI18n();
  const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (entry.type === 'note')
    return (
      <li className="entry note">
        <p className="meta">
          <span className="note-label">🔒 {t('note')}</span> · {entry.author.name ?? entry.author.agentId} ·{' '}
          <time dateTime={entry.at}>{time}</time>
        </p>
        <p className="text">{entry.text}</p>
      </li>
    );
  const author =
    entry.author.kind === 'customer'
      ? t('customer')
      : entry.author.kind === 'agent'
        ? entry.author.agentId === me.agentId
          ? t('you')
          : t('agent', { name: entry.author.agentId ?? '' })
        : t('bot');
  const trouble = entry.status === 'failed' || entry.status === 'uncertain';
  return (
    <li
      className={`entry ${entry.direction === 'in' ? 'in' : 'out'} ${trouble ? `trouble ${entry.status}` : ''}`}
    >
      <p className="meta">
        {entry.channel && <ChannelBadge channel={entry.channel} />} <span>{author}</span> ·{' '}
        <time dateTime={entry.at}>{time}</time>
        {entry.direction === 'out' && entry.status && (
          <span className={`delivery s-${entry.status}`} data-status={entry.status}>
            {trouble ? '⚠ ' : ''}
            {t(`status_${entry.status}`)}
          </span>
        )}
      </p>
      <p className="text">{entry.text}</p>
      {entry.status === 'failed' && (
        <p className="trouble-help" role="alert">
          {t('failedHelp', { reason: entry.failure?.description ?? entry.failure?.code ?? '?' })}
        </p>
      )}
      {entry.status === 'uncertain' && <p className="trouble-help">{t('uncertainHelp')}</p>}
    </li>
  );
}
