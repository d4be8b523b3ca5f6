import { useEffect, useRef, useState } from 'react';
import type { Api, FeedEvent } from './api.ts';

/**
 * Follows GET /api/events: a long poll that answers as soon as something changes for my teams,
 * then asks again from the cursor it got. Entries carry ids only; the caller refetches.
 */
export function useLiveEvents(api: Api | undefined, onEvents: (events: readonly FeedEvent[]) => void) {
  const [connected, setConnected] = useState(true);
  const handler = useRef(onEvents);
  handler.current = onEvents;
  useEffect(() => {
    if (!api) return;
    const controller = new AbortController();
    let cursor: string | undefined;
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          const query = new URLSearchParams({ wait: '20', ...(cursor ? { since: cursor } : {}) });
          const page = await api.get<{ events: FeedEvent[]; cursor: string }>(
            `/api/events?${query}`,
            controller.signal,
          );
          cursor = page.cursor;
          setConnected(true);
          if (page.events.length > 0) handler.current(page.events);
        } catch {
          if (controller.signal.aborted) return;
          setConnected(false);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
    })();
    return () => controller.abort();
  }, [api]);
  return connected;
}
