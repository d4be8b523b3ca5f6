import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '../api.ts';
import { useI18n } from '../i18n.ts';

interface PhoneMessage {
  readonly id: string;
  readonly text: string;
  readonly at: string;
  readonly buttons: readonly { label: string; payload: string }[];
}
interface Sent {
  readonly id: string;
  readonly text: string;
  readonly at: string;
}

const DEFAULT_IDS: Record<Channel, string> = {
  whatsapp: '5511999990000',
  telegram: '42',
  messenger: '24680000',
  sms: '+48600100200',
};

/**
 * LOCAL ONLY. Be the customer: the runtime builds and signs the platform's real webhook for what
 * you type or tap, and this page shows what the customer's phone received from the sandbox.
 */
export function Simulator() {
  const { t } = useI18n();
  const [channel, setChannel] = useState<Channel>('whatsapp');
  const [customerId, setCustomerId] = useState(DEFAULT_IDS.whatsapp);
  const [text, setText] = useState('');
  const [phone, setPhone] = useState<readonly PhoneMessage[]>([]);
  const [sent, setSent] = useState<Record<string, readonly Sent[]>>({});
  const [error, setError] = useState<string>();
  const key = `${channel}:${customerId}`;

  const refresh = useCallback(async () => {
    if (!customerId.trim()) return;
    const response = await fetch(
      `/local/simulator/${channel}/phones/${encodeURIComponent(customerId.trim())}`,
      { cache: 'no-store' },
    );
    if (response.ok) setPhone(((await response.json()) as { messages: PhoneMessage[] }).messages);
  }, [channel, customerId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [refresh]);

  async function act(action: { text?: string; tap?: string }, label: string) {
    setError(undefined);
    const response = await fetch(`/local/simulator/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: customerId.trim(), ...action }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      setError(body.error?.message ?? `webhook ${response.status}`);
      return;
    }
    setSent((all) => ({
      ...all,
      [key]: [...(all[key] ?? []), { id: `${Date.now()}`, text: label, at: new Date().toISOString() }],
    }));
  }

  const thread = [
    ...phone.map((message) => ({ ...message, mine: false })),
    ...(sent[key] ?? []).map((message) => ({ ...message, buttons: [], mine: true })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <div className="simulator">
      <form
        className="sim-controls"
        onSubmit={(event) => {
          event.preventDefault();
          if (!text.trim()) return;
          void act({ text }, text);
          setText('');
        }}
      >
        <label>
          <span>Channel</span>
          <select
            id="sim-channel"
            value={channel}
            onChange={(event) => {
              const next = event.target.value as Channel;
              setChannel(next);
              setCustomerId(DEFAULT_IDS[next]);
            }}
          >
            {(Object.keys(DEFAULT_IDS) as Channel[]).map((name) => (
              <option key={name} value={name}>
                {t(`channel_${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Customer id</span>
          <input
            id="sim-customer"
            value={customerId}
            onChange={(event) => setCustomerId(event.target.value)}
          />
        </label>
        <label className="grow">
          <span>Message</span>
          <input
            id="sim-text"
            value={text}
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          {t('send')}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      <section className={`phone ph-${channel}`} aria-label={`${t(`channel_${channel}`)} ${customerId}`}>
        <ol className="phone-thread" aria-live="polite">
          {thread.map((message) => (
            <li
              key={`${message.mine ? 'me' : 'biz'}-${message.id}`}
              className={message.mine ? 'bubble me' : 'bubble biz'}
            >
              <p>{message.text}</p>
              {message.buttons.length > 0 && (
                <div className="buttons">
                  {message.buttons.map((button) => (
                    <button
                      type="button"
                      key={button.payload}
                      onClick={() => void act({ tap: button.payload }, `▸ ${button.label}`)}
                    >
                      {button.label}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
