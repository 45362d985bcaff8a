import { FormEvent, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useAction, useResource } from '../lib/hooks';
import { PageHeader } from '../components/Layout';
import { formatDateTime } from '../lib/format';
import { Card, ErrorBanner, Field, Notice, Pill, Spinner } from '../components/ui';

// tip-service's ConnectionView: the feed URL only masked, its token never returned.
interface ChaturbateConnector {
  platform: string;
  status: 'connected' | 'paused' | 'revoked' | 'error' | string;
  account: string | null;
  maskedUrl: string | null;
  lastError: string | null;
  lastEventAt: string | null;
  lastPollAt: string | null;
}

const STATUS_TONE: Record<string, 'ok' | 'warn' | 'off'> = { connected: 'ok', paused: 'warn', revoked: 'off', error: 'warn' };

/** The Chaturbate Events API connector: tips arrive on their own while it runs. */
export function ConnectorsPage() {
  const connector = useResource(async () => {
    try {
      return await api.get<ChaturbateConnector>('/api/connectors/chaturbate');
    } catch (e) {
      // The connector's own 404 (a problem of type not-found) means "not connected"; any other 404 means
      // no service answers the path here, i.e. the connector is not deployed.
      if (e instanceof ApiError && e.status === 404 && e.type?.endsWith(':not-found')) return null;
      if (e instanceof ApiError && e.status === 404) throw new ApiError(404, 'NOT_DEPLOYED');
      throw e;
    }
  }, []);
  const [eventsUrl, setEventsUrl] = useState('');
  const action = useAction();
  const routeMissing = connector.error === 'NOT_DEPLOYED';

  async function save(event: FormEvent) {
    event.preventDefault();
    const next = await action.run(() => api.put<ChaturbateConnector>('/api/connectors/chaturbate', { eventsUrl: eventsUrl.trim() }));
    if (next) {
      setEventsUrl('');
      connector.setData(next);
    }
  }

  return (
    <>
      <PageHeader title="Connectors" subtitle="Bring tips in from your cam platform automatically." />
      <Card title="Chaturbate" labelId="cb-title" actions={connector.data ? <Pill tone={STATUS_TONE[connector.data.status] ?? 'off'} testId="connector-status">{connector.data.status}</Pill> : undefined}>
        {connector.loading && connector.data === undefined && <Spinner />}
        {routeMissing ? (
          <Notice tone="info">The Chaturbate connector is not available on this server yet.</Notice>
        ) : (
          <ErrorBanner message={connector.error} onRetry={connector.reload} />
        )}
        {connector.data && (
          <>
            <p>
              Account <strong>{connector.data.account ?? 'unknown'}</strong>
              {connector.data.maskedUrl && <span className="mono small muted"> · {connector.data.maskedUrl}</span>}
            </p>
            <p className="small muted">
              {connector.data.lastEventAt ? `Last event ${formatDateTime(connector.data.lastEventAt)}` : 'No events yet'}
              {connector.data.lastPollAt && ` · last checked ${formatDateTime(connector.data.lastPollAt)}`}
            </p>
            {connector.data.status === 'revoked' && (
              <Notice tone="warn">Chaturbate refused the feed URL (token revoked?). Disconnect and connect again with a new one.</Notice>
            )}
            {connector.data.lastError && <ErrorBanner message={`Last error: ${connector.data.lastError}`} />}
            <div className="button-row">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={action.busy}
                onClick={async () => {
                  const next = await action.run(() => api.post<ChaturbateConnector>(`/api/connectors/chaturbate/${connector.data!.status === 'paused' ? 'resume' : 'pause'}`));
                  if (next) connector.setData(next);
                  else await connector.reload();
                }}
              >
                {connector.data.status === 'paused' ? 'Resume' : 'Pause'}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-danger-text"
                disabled={action.busy}
                onClick={async () => {
                  if (!window.confirm('Disconnect Chaturbate?')) return;
                  const done = await action.run(() => api.del('/api/connectors/chaturbate'));
                  if (done) connector.setData(null);
                }}
              >
                Disconnect
              </button>
            </div>
          </>
        )}
        {connector.data === null && (
          <form className="form" onSubmit={save}>
            <Field label="Events API URL" htmlFor="cb-url" hint="Chaturbate → Settings → Events API: the token URL. It is stored encrypted and never shown again.">
              <input id="cb-url" type="password" required value={eventsUrl} onChange={(e) => setEventsUrl(e.target.value)} autoComplete="off" />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Connect
            </button>
          </form>
        )}
        <ErrorBanner message={action.error} />
      </Card>
    </>
  );
}
