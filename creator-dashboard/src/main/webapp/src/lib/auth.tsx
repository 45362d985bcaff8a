import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, configureApi } from './api';

// Sign-in: the local launcher's "sign in as" form (GET /dev/token) or OIDC authorization code + PKCE against
// the configured issuer. The token lives in sessionStorage (gone with the tab), never in a URL.

export interface DashboardSettings {
  signIn: 'local' | 'oidc' | 'none';
  oidc: { issuer: string; clientId: string; scope: string } | null;
  livekitUrl: string | null;
}

export interface Creator {
  sub: string;
  name: string;
}

interface StoredSession {
  token: string;
  refreshToken?: string;
  expiresAt: number;
  creator: Creator;
}

interface AuthState {
  settings: DashboardSettings | null;
  settingsError: string | null;
  creator: Creator | null;
  token: () => string | null;
  signInLocal: (sub: string, name: string) => Promise<void>;
  signInOidc: (returnTo: string) => Promise<void>;
  completeOidc: (code: string, state: string) => Promise<string>;
  signOut: () => void;
}

const STORAGE_KEY = 'sc.session';
const PKCE_KEY = 'sc.pkce';
const AuthContext = createContext<AuthState | null>(null);

// Set before any page renders, so the first requests already carry the token.
let onUnauthorized: () => void = () => {};
configureApi(
  () => currentToken(),
  () => onUnauthorized(),
);

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredSession;
    return stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

// One function for the app's lifetime: it reads the stored token when called, so holders (the live socket) never
// need to be made again when the auth state around it changes.
const currentToken = (): string | null => readStored()?.token ?? null;

function claims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return {};
  }
}

function creatorOf(token: string, fallbackName?: string): Creator {
  const c = claims(token);
  const sub = String(c.sub ?? '');
  const name = String(c.preferred_username ?? c.name ?? fallbackName ?? sub);
  return { sub, name };
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function discovery(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string }> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The sign-in provider did not answer (${response.status}).`);
  return response.json();
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<DashboardSettings | null>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [session, setSession] = useState<StoredSession | null>(readStored);

  const store = useCallback((next: StoredSession | null) => {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    setSession(next);
  }, []);

  const signOut = useCallback(() => store(null), [store]);

  useEffect(() => {
    api
      .get<DashboardSettings>('/dashboard-config.json', { anonymous: true })
      .then(setSettings)
      .catch((error) => setSettingsError(error.message));
  }, []);

  useEffect(() => {
    onUnauthorized = () => store(null);
  }, [store]);

  // OIDC access tokens are short-lived: refresh a minute before expiry; local tokens last 12 h.
  useEffect(() => {
    if (!session) return;
    const wait = session.expiresAt - Date.now() - 60_000;
    const timer = window.setTimeout(async () => {
      if (session.refreshToken && settings?.oidc) {
        try {
          const endpoints = await discovery(settings.oidc.issuer);
          const body = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: session.refreshToken,
            client_id: settings.oidc.clientId,
          });
          const response = await fetch(endpoints.token_endpoint, { method: 'POST', body });
          if (!response.ok) throw new Error('refresh refused');
          const tokens = await response.json();
          store({
            token: tokens.access_token,
            refreshToken: tokens.refresh_token ?? session.refreshToken,
            expiresAt: Date.now() + tokens.expires_in * 1000,
            creator: creatorOf(tokens.access_token),
          });
          return;
        } catch {
          /* fall through: sign out */
        }
      }
      store(null);
    }, Math.max(wait, 1000));
    return () => window.clearTimeout(timer);
  }, [session, settings, store]);

  const signInLocal = useCallback(
    async (sub: string, name: string) => {
      const query = new URLSearchParams({ sub, name: name || sub });
      const answer = await api.get<{ token: string; expiresIn: number }>(`/dev/token?${query}`, { anonymous: true });
      store({ token: answer.token, expiresAt: Date.now() + answer.expiresIn * 1000, creator: creatorOf(answer.token, name) });
    },
    [store],
  );

  const signInOidc = useCallback(
    async (returnTo: string) => {
      if (!settings?.oidc) throw new Error('No sign-in provider is configured.');
      const endpoints = await discovery(settings.oidc.issuer);
      const verifier = randomString(48);
      const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
      const state = randomString(16);
      sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: settings.oidc.clientId,
        redirect_uri: `${location.origin}/auth/callback`,
        scope: settings.oidc.scope,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      location.assign(`${endpoints.authorization_endpoint}?${query}`);
    },
    [settings],
  );

  const completeOidc = useCallback(
    async (code: string, state: string) => {
      if (!settings?.oidc) throw new Error('No sign-in provider is configured.');
      const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null');
      sessionStorage.removeItem(PKCE_KEY);
      if (!pending || pending.state !== state) throw new Error('This sign-in link is stale or was not started here. Please sign in again.');
      const endpoints = await discovery(settings.oidc.issuer);
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${location.origin}/auth/callback`,
        client_id: settings.oidc.clientId,
        code_verifier: pending.verifier,
      });
      const response = await fetch(endpoints.token_endpoint, { method: 'POST', body });
      if (!response.ok) throw new Error(`The sign-in provider refused the sign-in (${response.status}).`);
      const tokens = await response.json();
      store({
        token: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: Date.now() + tokens.expires_in * 1000,
        creator: creatorOf(tokens.access_token),
      });
      return typeof pending.returnTo === 'string' && pending.returnTo.startsWith('/') ? pending.returnTo : '/live';
    },
    [settings, store],
  );

  const value = useMemo<AuthState>(
    () => ({
      settings,
      settingsError,
      creator: session?.creator ?? null,
      token: currentToken,
      signInLocal,
      signInOidc,
      completeOidc,
      signOut,
    }),
    [settings, settingsError, session, signInLocal, signInOidc, completeOidc, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
