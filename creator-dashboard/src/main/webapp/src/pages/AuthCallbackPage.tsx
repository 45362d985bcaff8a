import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { ErrorBanner, Spinner } from '../components/ui';
import { errorMessage } from '../lib/api';

export function AuthCallbackPage() {
  const { settings, completeOidc } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!settings || started.current) return;
    started.current = true;
    const query = new URLSearchParams(location.search);
    // The code must not stay in the address bar or history.
    history.replaceState(null, '', '/auth/callback');
    const code = query.get('code');
    const state = query.get('state');
    if (query.get('error')) {
      setError(query.get('error_description') || 'The sign-in was cancelled or refused.');
      return;
    }
    if (!code || !state) {
      setError('This page is only reached from the sign-in provider.');
      return;
    }
    completeOidc(code, state)
      .then((to) => navigate(to, { replace: true }))
      .catch((e) => setError(errorMessage(e)));
  }, [settings, completeOidc, navigate]);

  return (
    <div className="signin">
      <div className="signin-card">
        {error ? (
          <>
            <ErrorBanner message={error} />
            <Link to="/signin" className="btn btn-primary">
              Back to sign-in
            </Link>
          </>
        ) : (
          <Spinner label="Signing you in…" />
        )}
      </div>
    </div>
  );
}
