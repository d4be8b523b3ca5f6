/**
 * A small HTTP load generator on node:http with keep-alive connections: closed loop (N requests
 * always in flight, for throughput) and open loop (a fixed arrival rate, for latency at a rate).
 */
import { Agent, request } from 'node:http';

export interface Target {
  readonly url: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface Sample {
  /** performance.now() when the request was written. */
  readonly startedAt: number;
  /** Epoch milliseconds when the request was written, to match against sandbox timestamps. */
  readonly startedAtEpoch: number;
  readonly latencyMs: number;
  readonly status: number;
}

export function postOnce(agent: Agent, target: Target): Promise<Sample> {
  const startedAt = performance.now();
  const startedAtEpoch = Date.now();
  return new Promise((resolve) => {
    const url = new URL(target.path, target.url);
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            startedAt,
            startedAtEpoch,
            latencyMs: performance.now() - startedAt,
            status: response.statusCode ?? 0,
          }),
        );
      },
    );
    req.on('error', () =>
      resolve({ startedAt, startedAtEpoch, latencyMs: performance.now() - startedAt, status: 0 }),
    );
    req.end(target.body);
  });
}

export interface ClosedLoopResult {
  readonly samples: Sample[];
  readonly durationMs: number;
}

/** Keeps `concurrency` requests in flight for `durationMs`; `next(i)` builds the i-th request. */
export async function closedLoop(
  next: (index: number) => Target,
  concurrency: number,
  durationMs: number,
): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  const started = performance.now();
  let index = 0;
  const worker = async () => {
    while (performance.now() - started < durationMs) samples.push(await postOnce(agent, next(index++)));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const durationMs_ = performance.now() - started;
  agent.destroy();
  return { samples, durationMs: durationMs_ };
}

/**
 * Sends `rate` requests per second for `durationMs`, on schedule whether or not earlier ones have
 * answered (an open loop: a slow server shows as latency, not as a lower offered rate).
 */
export async function openLoop(
  next: (index: number) => Target,
  rate: number,
  durationMs: number,
): Promise<Sample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(postOnce(agent, next(index)));
  }
  const samples = await Promise.all(pending);
  agent.destroy();
  return samples;
}
