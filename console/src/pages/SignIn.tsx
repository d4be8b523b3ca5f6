import { useEffect, useState } from 'react';
import {
  type ConsoleConfig,
  type Session,
  saveSession,
  sessionFromToken,
  startCognitoSignIn,
} from '../auth/session.ts';
import { useI18n } from '../i18n.ts';

interface DemoAgent {
  readonly agentId: string;
  readonly name: string;
  readonly teams: readonly string[];
  readonly admin?: boolean;
}

export function SignIn({
  config,
  onSignedIn,
}: {
  config: ConsoleConfig;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useI18n();
  const [agents, setAgents] = useState<readonly DemoAgent[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (config.mode !== 'local') return;
    fetch('/local/agents')
      .then((response) => response.json() as Promise<{ agents: DemoAgent[] }>)
      .then(
        (body) => setAgents(body.agents),
        (cause: Error) => setError(cause.message),
      );
  }, [config.mode]);

  async function signInAs(agent: DemoAgent) {
    setBusy(true);
    try {
      const response = await fetch(`/local/agents/${agent.agentId}/token`, { method: 'POST' });
      if (!response.ok) throw new Error(`${response.status}`);
      const { token } = (await response.json()) as { token: string };
      const session = sessionFromToken(token);
      saveSession(session);
      onSignedIn(session);
    } catch (cause) {
      setError((cause as Error).message);
      setBusy(false);
    }
  }

  return (
    <section className="signin" aria-labelledby="signin-title">
      <h2 id="signin-title">{t('signInTitle')}</h2>
      {error && <p role="alert">{t('error', { message: error })}</p>}
      {config.mode === 'cognito' ? (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void startCognitoSignIn(config)}
        >
          {t('signInCognito')}
        </button>
      ) : (
        <>
          <p>{t('signInLocal')}</p>
          <ul className="agents">
            {agents.map((agent) => (
              <li key={agent.agentId}>
                <button type="button" disabled={busy} onClick={() => void signInAs(agent)}>
                  <strong>{t('signInAs', { name: agent.name })}</strong>
                  <span>
                    {t('teams')}: {agent.teams.join(', ')}
                    {agent.admin ? ` · ${t('admin')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
