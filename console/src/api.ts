/** The agent API as the console uses it (shapes from GET /api/openapi.json). */
export type Channel = 'telegram' | 'whatsapp' | 'messenger' | 'sms';
export type DeliveryStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'uncertain'
  | 'cancelled';
export type WindowState = 'open' | 'human_agent' | 'template_only' | 'closed';
export interface ReplyWindow {
  readonly state: WindowState;
  readonly closesAt?: string;
}

export interface Me {
  readonly agentId: string;
  readonly name: string;
  readonly teams: readonly string[];
  readonly admin: boolean;
  /** Team leads read the weekly reports. */
  readonly lead?: boolean;
}

export interface ReportFigures {
  readonly conversations: number;
  readonly handoffs: number;
  readonly escalationRate: number | null;
  readonly botClosed: number;
  readonly recontacts24h: number;
  readonly containmentRate: number | null;
  readonly firstResponse: Durations;
  readonly resolution: Durations;
  readonly satisfaction: {
    readonly sent: number;
    readonly answered: number;
    readonly responseRate: number | null;
    readonly average: number | null;
    readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
  };
  readonly repeatCustomers: number;
  readonly deliveryFailures: number;
}
interface Durations {
  readonly count: number;
  readonly medianSecondsAtMost: number | null;
  readonly p90SecondsAtMost: number | null;
}
/** GET /api/reports/weekly */
export interface WeeklyReport {
  readonly week: string;
  readonly days: readonly string[];
  readonly overall: ReportFigures;
  readonly byDay: Readonly<Record<string, ReportFigures>>;
  readonly byChannel: Readonly<Record<string, ReportFigures>>;
  readonly byTeam: Readonly<Record<string, ReportFigures>>;
  readonly escalationReasons: readonly { reason: string; count: number }[];
  readonly topIntents: readonly { intent: string; count: number }[];
  readonly knowledgeBase: readonly { article: string; used: number; helped: number; notHelped: number }[];
  readonly deliveryFailures: readonly { channel: string; code: string; count: number }[];
}

export interface ConversationSummary {
  readonly conversationId: string;
  readonly customerId: string;
  readonly status: 'bot' | 'queue' | 'agent' | 'closed';
  readonly owner: {
    readonly kind: string;
    readonly priority?: number;
    readonly summary?: string;
    readonly reason?: string;
    readonly enqueuedAt?: string;
    readonly agentId?: string;
  };
  readonly team?: string;
  readonly assignee?: string;
  readonly handoff?: { readonly priority: number; readonly reason: string; readonly summary?: string };
  readonly waitingSeconds?: number;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly survey?: { readonly rating?: number; readonly comment?: string };
}

export interface Identity {
  readonly channel: Channel;
  readonly accountId: string;
  readonly userId: string;
  readonly linkedBy?: string;
  readonly lastCustomerMessageAt?: string;
  readonly optedOut?: boolean;
  readonly replyWindow: ReplyWindow;
}

export interface TranscriptEntry {
  readonly messageId: string;
  readonly type: 'message' | 'note';
  readonly direction?: 'in' | 'out';
  readonly channel?: Channel;
  readonly text?: string;
  readonly at: string;
  readonly status?: DeliveryStatus;
  readonly failure?: { readonly code: string; readonly description: string };
  readonly author: { readonly kind: string; readonly agentId?: string; readonly name?: string };
}

export interface ConversationView {
  readonly conversation: ConversationSummary;
  readonly customer: {
    readonly customerId: string;
    readonly displayName?: string;
    readonly language?: 'en' | 'pt' | 'pl';
    readonly mostRecentChannel?: Channel;
    readonly identities: readonly Identity[];
  };
  readonly messages: readonly TranscriptEntry[];
}

export interface ReplyAlternative {
  readonly channel: Channel;
  readonly via: 'message' | 'template';
  readonly window: ReplyWindow;
}

export interface CannedReply {
  readonly id: string;
  readonly team: string;
  readonly language: string;
  readonly title: string;
  readonly text: string;
}

export interface FeedEvent {
  readonly id: string;
  readonly type: string;
  readonly conversationId: string;
  readonly team: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

export function createApi(baseUrl: string, token: () => string, onUnauthorized: () => void): Api {
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    if (response.status === 401) onUnauthorized();
    const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const error = (payload.error ?? {}) as Record<string, unknown>;
      throw new ApiError(
        response.status,
        String(error.code ?? response.status),
        String(error.message ?? response.statusText),
        error,
      );
    }
    return payload as T;
  }
  return {
    get: (path, signal) => call('GET', path, undefined, {}, signal),
    post: (path, body, headers) => call('POST', path, body, headers),
  };
}
