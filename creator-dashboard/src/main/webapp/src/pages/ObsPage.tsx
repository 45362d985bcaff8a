import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useAction, useResource } from '../lib/hooks';
import { Channel } from '../lib/types';
import { PageHeader } from '../components/Layout';
import { Card, CopyButton, ErrorBanner, Notice, Spinner } from '../components/ui';

interface OverlayKey {
  key: string;
  overlayPath: string;
  socketPath: string;
  rotatedAt: string | null;
}

export function ObsPage() {
  return (
    <>
      <PageHeader title="OBS" subtitle="Alerts in your scene, and streaming from OBS to your own channel." />
      <div className="two-columns">
        <OverlayCard />
        <IngressCard />
      </div>
    </>
  );
}

function OverlayCard() {
  const overlay = useResource(() => api.get<OverlayKey>('/api/overlay/key'), []);
  const [revealed, setRevealed] = useState(false);
  const [previewKey, setPreviewKey] = useState(0);
  const action = useAction();
  const url = overlay.data ? `${location.origin}${overlay.data.overlayPath}` : '';

  async function rotate() {
    if (!window.confirm('Rotate the overlay URL? The old URL stops working at once: update your OBS browser source.')) return;
    const next = await action.run(() => api.post<OverlayKey>('/api/overlay/key/rotate'));
    if (next) {
      overlay.setData(next);
      setPreviewKey((k) => k + 1);
    }
  }

  return (
    <Card title="Alert overlay" labelId="overlay-title">
      <ol className="steps small">
        <li>In OBS, add a <strong>Browser</strong> source.</li>
        <li>Paste this URL, size 1920 × 1080, and keep “Shutdown source when not visible” off.</li>
      </ol>
      {overlay.loading && !overlay.data && <Spinner />}
      <ErrorBanner message={overlay.error} onRetry={overlay.reload} />
      {overlay.data && (
        <>
          <label htmlFor="overlay-url" className="label">
            Overlay URL <span className="muted small">(treat it like a password)</span>
          </label>
          <div className="copy-row">
            <input
              id="overlay-url"
              className="mono"
              readOnly
              type={revealed ? 'text' : 'password'}
              value={url}
              data-testid="overlay-url"
            />
            <button type="button" className="btn btn-ghost btn-small" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
              {revealed ? 'Hide' : 'Reveal'}
            </button>
            <CopyButton text={url} />
            <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={rotate} disabled={action.busy}>
              Rotate
            </button>
          </div>
          <ErrorBanner message={action.error} />
          <h3 className="subheading">Live preview</h3>
          <div className="overlay-preview">
            <iframe key={previewKey} title="Overlay preview" src={overlay.data.overlayPath} />
          </div>
          <p className="small muted">Send a test tip or play an animation from the Live page to see it here.</p>
        </>
      )}
    </Card>
  );
}

function IngressCard() {
  const channel = useResource(() => api.get<Channel>('/api/stream'), []);
  const [revealed, setRevealed] = useState(false);
  const [inputType, setInputType] = useState<'RTMP' | 'WHIP'>('RTMP');
  const action = useAction();
  const ingress = channel.data?.ingress ?? null;

  async function create(path: string, body?: unknown) {
    const done = await action.run(() => api.post(path, body));
    if (done !== undefined) {
      setRevealed(false);
      await channel.reload();
    }
  }
  const unreachable = action.error && /livekit|media server|reach/i.test(action.error);

  return (
    <Card title="Stream from OBS" labelId="ingress-title">
      <p className="muted small">
        Send OBS's output to your channel (viewers watch it on your page). Settings → Stream → Service “Custom”.
      </p>
      {channel.loading && !channel.data && <Spinner />}
      <ErrorBanner message={channel.error} onRetry={channel.reload} />
      {channel.data && !ingress && (
        <div className="form form-inline">
          <div className="field">
            <label htmlFor="ingress-type">Protocol</label>
            <select id="ingress-type" value={inputType} onChange={(e) => setInputType(e.target.value as 'RTMP' | 'WHIP')}>
              <option value="RTMP">RTMP (OBS default)</option>
              <option value="WHIP">WHIP (WebRTC, lower latency)</option>
            </select>
          </div>
          <button type="button" className="btn btn-primary" disabled={action.busy} onClick={() => create('/api/stream/ingress', { inputType })}>
            {action.busy ? 'Creating…' : 'Create stream key'}
          </button>
        </div>
      )}
      {ingress && (
        <dl className="kv">
          <dt>Protocol</dt>
          <dd>{ingress.inputType}</dd>
          <dt>
            <label htmlFor="ingress-server">Server</label>
          </dt>
          <dd className="copy-row">
            <input id="ingress-server" className="mono" readOnly value={ingress.serverUrl} />
            <CopyButton text={ingress.serverUrl} />
          </dd>
          <dt>
            <label htmlFor="ingress-key">Stream key</label>
          </dt>
          <dd className="copy-row">
            <input id="ingress-key" className="mono" readOnly type={revealed ? 'text' : 'password'} value={ingress.streamKey} />
            <button type="button" className="btn btn-ghost btn-small" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
              {revealed ? 'Hide' : 'Reveal'}
            </button>
            <CopyButton text={ingress.streamKey} />
          </dd>
        </dl>
      )}
      {ingress && (
        <div className="button-row">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={action.busy}
            onClick={() => window.confirm('Reset the stream key? The old key stops working at once.') && create('/api/stream/ingress/reset')}
          >
            Reset key
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-danger-text"
            disabled={action.busy}
            onClick={async () => {
              if (!window.confirm('Delete the stream key? OBS can no longer stream to your channel.')) return;
              const done = await action.run(() => api.del('/api/stream/ingress'));
              if (done !== undefined) await channel.reload();
            }}
          >
            Delete
          </button>
        </div>
      )}
      {unreachable ? (
        <Notice tone="warn">The media server (LiveKit) cannot be reached, so no stream key can be made right now. {action.error}</Notice>
      ) : (
        <ErrorBanner message={action.error} />
      )}
      {channel.data?.isLive && channel.data.liveSource === 'INGRESS' && <Notice tone="success">You are live from OBS.</Notice>}
    </Card>
  );
}

export type { ApiError };
