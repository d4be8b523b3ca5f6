import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApi, type Me } from './api.ts';
import {
  type ConsoleConfig,
  clearSession,
  cognitoSignOutUrl,
  finishCognitoSignIn,
  loadConfig,
  type Session,
  storedSession,
} from './auth/session.ts';
import { I18n, initialLanguage, LANGUAGES, type Language, translator } from './i18n.ts';
import { Inbox } from './pages/Inbox.tsx';
import { Reports } from './pages/Reports.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Simulator } from './pages/Simulator.tsx';
import { navigate, usePath } from './router.ts';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', pt: 'Português', pl: 'Polski' };

export function App() {
  const path = usePath();
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [config, setConfig] = useState<ConsoleConfig>();
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<string>();
  const i18n = useMemo(() => ({ t: translator(language), language }), [language]);
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('console.language', language);
  }, [language]);
  useEffect(() => {
    loadConfig().then(setConfig, (cause: Error) => setError(cause.message));
  }, []);
  useEffect(() => {
    if (config?.mode !== 'cognito' || path !== '/callback') return;
    finishCognitoSignIn(config, location.search).then(
      (signedIn) => {
        setSession(signedIn);
        navigate('/');
      },
      (cause: Error) => setError(cause.message),
    );
  }, [config, path]);

  const signOut = useCallback(() => {
    clearSession();
    setSession(undefined);
    setMe(undefined);
    if (config?.mode === 'cognito') location.assign(cognitoSignOutUrl(config));
    else navigate('/');
  }, [config]);

  const api = useMemo(
    () => (config && session ? createApi(config.apiUrl, () => session.token, signOut) : undefined),
    [config, session, signOut],
  );
  useEffect(() => {
    if (api) api.get<Me>('/api/me').then(setMe, (cause: Error) => setError(cause.message));
  }, [api]);

  const isSimulator = path === '/simulator';
  const languagePicker = (
    <label className="language">
      <span>{t('language')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );

  let page: React.ReactNode;
  if (error) page = <p role="alert">{t('error', { message: error })}</p>;
  else if (!config) page = <p>{t('loading')}</p>;
  else if (isSimulator && config.mode === 'local') page = <Simulator />;
  else if (!session || !api)
    page = (
      <SignIn
        config={config}
        onSignedIn={(signedIn) => {
          setSession(signedIn);
          navigate('/');
        }}
      />
    );
  else if (!me) page = <p>{t('loading')}</p>;
  else if (path === '/reports' && (me.admin || me.lead)) page = <Reports api={api} />;
  else {
    const match = /^\/c\/([A-Za-z0-9_-]+)$/.exec(path);
    page = <Inbox api={api} me={me} selectedId={match?.[1]} />;
  }

  return (
    <I18n.Provider value={i18n}>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <h1>
          <a
            href="/"
            onClick={(event) => {
              event.preventDefault();
              navigate('/');
            }}
          >
            {isSimulator ? t('simulator') : t('appName')}
          </a>
        </h1>
        <nav aria-label="main">
          {me && !isSimulator && (me.admin || me.lead) && (
            <a
              href={path === '/reports' ? '/' : '/reports'}
              onClick={(event) => {
                event.preventDefault();
                navigate(path === '/reports' ? '/' : '/reports');
              }}
            >
              {path === '/reports' ? t('appName') : t('reports')}
            </a>
          )}
          {config?.mode === 'local' && (
            <a
              href={isSimulator ? '/' : '/simulator'}
              onClick={(event) => {
                event.preventDefault();
                navigate(isSimulator ? '/' : '/simulator');
              }}
            >
              {isSimulator ? t('appName') : t('simulator')}
            </a>
          )}
        </nav>
        {languagePicker}
        {me && !isSimulator && (
          <div className="who">
            <span>
              {me.name} · {me.teams.join(', ')}
              {me.admin ? ` · ${t('admin')}` : ''}
              {me.lead ? ` · ${t('lead')}` : ''}
            </span>
            <button type="button" onClick={signOut}>
              {t('signOut')}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </I18n.Provider>
  );
}
