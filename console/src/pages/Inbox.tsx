import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type Api,
  ApiError,
  type Channel,
  type ConversationSummary,
  type FeedEvent,
  type Me,
} from '../api.ts';
import { formatDuration, useI18n } from '../i18n.ts';
import { useLiveEvents } from '../live.ts';
import { navigate } from '../router.ts';
import { ChannelBadge, ConversationPane } from './Conversation.tsx';

/** The agent's day: who is waiting, what is mine, and the open conversation beside them. */
export function Inbox({ api, me, selectedId }: { api: Api; me: Me; selectedId: string | undefined }) {
  const { t } = useI18n();
  const [queue, setQueue] = useState<readonly ConversationSummary[]>();
  const [mine, setMine] = useState<readonly ConversationSummary[]>();
  const [channels, setChannels] = useState<Record<string, readonly Channel[]>>({});
  const [focusIndex, setFocusIndex] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [changed, setChanged] = useState(0);
  const [showHelp, setShowHelp] = useState(false);
  const [, setTick] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const refreshLists = useCallback(async () => {
    const [waiting, assigned] = await Promise.all([
      api.get<{ conversations: ConversationSummary[] }>('/api/queue'),
      api.get<{ conversations: ConversationSummary[] }>('/api/conversations?assignee=me'),
    ]);
    setQueue(waiting.conversations);
    setMine(assigned.conversations.filter((conversation) => conversation.status === 'agent'));
  }, [api]);

  useEffect(() => {
    void refreshLists();
    // Waiting times move on their own.
    const timer = setInterval(() => setTick((tick) => tick + 1), 15_000);
    return () => clearInterval(timer);
  }, [refreshLists]);

  // Channel badges: the customer's linked identities, fetched once per conversation listed.
  useEffect(() => {
    const missing = [...(queue ?? []), ...(mine ?? [])].filter((c) => !(c.conversationId in channels));
    for (const conversation of missing)
      api
        .get<{ customer: { identities: { channel: Channel }[] } }>(
          `/api/conversations/${conversation.conversationId}?limit=1`,
        )
        .then(
          (view) =>
            setChannels((known) => ({
              ...known,
              [conversation.conversationId]: [...new Set(view.customer.identities.map((i) => i.channel))],
            })),
          () => undefined,
        );
  }, [api, queue, mine, channels]);

  const live = useLiveEvents(api, (events: readonly FeedEvent[]) => {
    void refreshLists();
    // A message may come from a newly linked channel: ask again for those conversations' badges.
    setChannels((known) => {
      const next = { ...known };
      for (const event of events) delete next[event.conversationId];
      return next;
    });
    if (selectedId && events.some((event) => event.conversationId === selectedId)) setChanged((n) => n + 1);
  });

  const items = [...(queue ?? []), ...(mine ?? [])];

  const claim = useCallback(
    async (conversationId: string) => {
      setNotice(undefined);
      try {
        await api.post(`/api/conversations/${conversationId}/claim`);
        navigate(`/c/${conversationId}`);
      } catch (error) {
        setNotice(
          error instanceof ApiError && error.code === 'already_claimed'
            ? t('alreadyClaimed')
            : t('error', { message: (error as Error).message }),
        );
      }
      await refreshLists();
      setChanged((n) => n + 1);
    },
    [api, refreshLists, t],
  );

  // Keyboard: J/K move, Enter opens, C claims, ? shows the help. Never while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable) return;
      const current = items[focusIndex];
      if (event.key === 'j' || event.key === 'k') {
        const next = Math.min(Math.max(focusIndex + (event.key === 'j' ? 1 : -1), 0), items.length - 1);
        setFocusIndex(next);
        listRef.current?.querySelectorAll<HTMLElement>('[data-item]')[next]?.focus();
      } else if (event.key === 'Enter' && current && target.dataset.item !== undefined) {
        navigate(`/c/${current.conversationId}`);
      } else if (event.key === 'c') {
        const openInQueue = queue?.find((c) => c.conversationId === selectedId);
        const toClaim = openInQueue ?? (current?.status === 'queue' ? current : undefined);
        if (toClaim) void claim(toClaim.conversationId);
      } else if (event.key === '?') {
        setShowHelp((shown) => !shown);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const waitingTime = (conversation: ConversationSummary) =>
    conversation.owner.enqueuedAt
      ? formatDuration((Date.now() - Date.parse(conversation.owner.enqueuedAt)) / 1000)
      : formatDuration(conversation.waitingSeconds ?? 0);

  const row = (conversation: ConversationSummary, index: number) => {
    const selected = conversation.conversationId === selectedId;
    const summary = conversation.owner.summary ?? conversation.handoff?.summary;
    const priority = conversation.owner.priority ?? conversation.handoff?.priority ?? 0;
    return (
      <li key={conversation.conversationId} className={selected ? 'item selected' : 'item'}>
        <a
          href={`/c/${conversation.conversationId}`}
          data-item=""
          aria-current={selected ? 'page' : undefined}
          onFocus={() => setFocusIndex(index)}
          onClick={(event) => {
            event.preventDefault();
            navigate(`/c/${conversation.conversationId}`);
          }}
        >
          <span className="item-top">
            {conversation.status === 'queue' && (
              <span className={`priority p${Math.min(priority, 3)}`}>{t('priority', { n: priority })}</span>
            )}
            {(channels[conversation.conversationId] ?? []).map((channel) => (
              <ChannelBadge key={channel} channel={channel} />
            ))}
            {conversation.team && <span className="team">{conversation.team}</span>}
          </span>
          <span className="summary">{summary ?? conversation.customerId}</span>
          {conversation.status === 'queue' && (
            <span className="waited">{t('waiting', { time: waitingTime(conversation) })}</span>
          )}
        </a>
        {conversation.status === 'queue' && (
          <button type="button" className="claim" onClick={() => void claim(conversation.conversationId)}>
            {t('claim')}
          </button>
        )}
      </li>
    );
  };

  return (
    <div className="inbox">
      <div className="lists" ref={listRef}>
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">
            {t('queue')} <span className="count">{queue?.length ?? 0}</span>
            <span className={live ? 'live on' : 'live off'} role="status">
              {live ? t('live') : t('reconnecting')}
            </span>
          </h2>
          {notice && <p role="alert">{notice}</p>}
          {queue && queue.length === 0 && <p className="empty">{t('queueEmpty')}</p>}
          <ul aria-label={t('queue')}>{queue?.map((c, i) => row(c, i))}</ul>
        </section>
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">
            {t('mine')} <span className="count">{mine?.length ?? 0}</span>
          </h2>
          {mine && mine.length === 0 && <p className="empty">{t('mineEmpty')}</p>}
          <ul aria-label={t('mine')}>{mine?.map((c, i) => row(c, (queue?.length ?? 0) + i))}</ul>
        </section>
        <p className="hint">
          <button type="button" className="link" onClick={() => setShowHelp((shown) => !shown)}>
            {t('shortcuts')} (?)
          </button>
        </p>
        {showHelp && (
          <p className="help" role="note">
            {t('shortcutList')}
          </p>
        )}
      </div>
      {selectedId ? (
        <ConversationPane
          key={selectedId}
          api={api}
          me={me}
          conversationId={selectedId}
          changed={changed}
          onClaim={() => void claim(selectedId)}
          onChanged={() => void refreshLists()}
        />
      ) : (
        <section className="pane empty-pane" aria-label={t('transcript')}>
          <p>{t('noSelection')}</p>
        </section>
      )}
    </div>
  );
}
