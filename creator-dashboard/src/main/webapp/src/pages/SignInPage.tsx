import { FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { ErrorBanner, Field, Spinner } from '../components/ui';
import { errorMessage } from '../lib/api';

export function SignInPage() {
  const { settings, settingsError, creator, signInLocal, signInOidc } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/live';
  const [sub, setSub] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (creator) return <Navigate to={from} replace />;

  async function run(signIn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await signIn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function submitLocal(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await signInLocal(sub.trim(), name.trim());
      navigate(from, { replace: true });
    });
  }

  function submitOidc(event: FormEvent) {
    event.preventDefault();
    void run(() => signInOidc(from));
  }

  // With an issuer configured, its button is offered in local mode too, so the real sign-in can be tried locally.
  const oidcButton = settings?.oidc && (
    <form onSubmit={submitOidc} className="form">
      {settings.signIn !== 'local' && <ErrorBanner message={error} />}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy && settings.signIn !== 'local' ? 'Redirecting…' : 'Sign in with your account'}
      </button>
    </form>
  );

  return (
    <div className="signin">
      <div className="signin-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span>Streaming Companion</span>
        </div>
        <h1>Sign in to your dashboard</h1>
        <p className="subtitle">Tips, goals, alerts and your stream, live in one place.</p>
        {settingsError && <ErrorBanner message={`The dashboard could not load its settings: ${settingsError}`} />}
        {!settings && !settingsError && <Spinner />}
        {settings?.signIn === 'local' && oidcButton}
        {settings?.signIn === 'local' && settings.oidc && <p className="muted signin-or">or, locally:</p>}
        {settings?.signIn === 'local' && (
          <form onSubmit={submitLocal} className="form">
            <p className="muted">
              Local mode: sign in as any creator. Tokens come from the launcher's <code>/dev/token</code>.
            </p>
            <Field label="Creator id" htmlFor="signin-sub" hint="Letters, digits, - and _. Your data belongs to this id.">
              <input
                id="signin-sub"
                name="sub"
                required
                maxLength={60}
                pattern="[A-Za-z0-9_\-]+"
                autoComplete="username"
                value={sub}
                onChange={(e) => setSub(e.target.value)}
              />
            </Field>
            <Field label="Display name" htmlFor="signin-name">
              <input id="signin-name" name="name" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <ErrorBanner message={error} />
            <button type="submit" className="btn btn-primary btn-block" disabled={busy || !sub.trim()}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
        {settings?.signIn === 'oidc' && oidcButton}
        {settings?.signIn === 'none' && (
          <ErrorBanner message="Sign-in is not configured on this server (no OIDC issuer). Ask the operator to set GATEWAY_DASHBOARD_OIDC_ISSUER." />
        )}
      </div>
    </div>
  );
}
