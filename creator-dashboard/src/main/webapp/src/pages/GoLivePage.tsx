import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { createLocalTracks, LocalTrack, Room, RoomEvent, Track } from 'livekit-client';
import { api, errorMessage } from '../lib/api';
import { useAuth } from '../lib/auth';
import { Resource, useAction, useResource } from '../lib/hooks';
import { Channel, LiveKitGrant } from '../lib/types';
import { PageHeader } from '../components/Layout';
import { Card, CopyButton, ErrorBanner, Field, Notice, Pill, Spinner } from '../components/ui';

type Phase = 'idle' | 'camera' | 'starting' | 'token' | 'connecting' | 'live' | 'ending';

const STEPS: { phase: Phase; label: string }[] = [
  { phase: 'camera', label: 'Camera and microphone' },
  { phase: 'starting', label: 'Going live' },
  { phase: 'token', label: 'Publishing token' },
  { phase: 'connecting', label: 'Media server' },
];

const CONNECT_TIMEOUT_MS = 15_000;

export function GoLivePage() {
  const { token } = useAuth();
  const channel = useResource(() => api.get<Channel>('/api/stream'), []);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const room = useRef<Room | null>(null);
  const tracks = useRef<LocalTrack[]>([]);
  const video = useRef<HTMLVideoElement>(null);
  const userEnding = useRef(false);

  const stopTracks = useCallback(() => {
    tracks.current.forEach((t) => t.stop());
    tracks.current = [];
  }, []);

  const stopBrowser = useCallback(
    (keepalive = false) =>
      fetch('/api/stream/stop-browser', {
        method: 'POST',
        keepalive,
        headers: { Authorization: `Bearer ${token() ?? ''}` },
      }).catch(() => undefined),
    [token],
  );

  // Leaving the page (or closing the tab) ends the stream: nobody stays "live" with no camera behind it.
  useEffect(() => {
    const onUnload = () => {
      if (room.current) void stopBrowser(true);
    };
    window.addEventListener('pagehide', onUnload);
    return () => {
      window.removeEventListener('pagehide', onUnload);
      if (room.current) {
        userEnding.current = true;
        void room.current.disconnect();
        room.current = null;
        void stopBrowser(true);
      }
      stopTracks();
    };
  }, [stopBrowser, stopTracks]);

  async function goLive() {
    setError(null);
    userEnding.current = false;
    let started = false;
    try {
      setPhase('camera');
      try {
        tracks.current = await createLocalTracks({ audio: true, video: { facingMode: 'user' } });
      } catch (e) {
        throw new Error(`Your camera or microphone is not available (${errorMessage(e)}). Allow access in the browser and try again.`);
      }
      const videoTrack = tracks.current.find((t) => t.kind === Track.Kind.Video);
      if (videoTrack && video.current) videoTrack.attach(video.current);

      setPhase('starting');
      await api.post('/api/stream/start-browser');
      started = true;

      setPhase('token');
      const grant = await api.post<LiveKitGrant>('/api/stream/creator-webrtc-token');

      setPhase('connecting');
      const next = new Room({ adaptiveStream: true, dynacast: true });
      try {
        await withTimeout(next.connect(grant.wsUrl, grant.token), CONNECT_TIMEOUT_MS);
      } catch (e) {
        void next.disconnect();
        throw new Error(
          `The media server at ${grant.wsUrl} cannot be reached (${errorMessage(e)}). You are not live. ` +
            'Start a LiveKit server there (see the README), or stream from OBS.',
        );
      }
      for (const track of tracks.current) await next.localParticipant.publishTrack(track);
      next.on(RoomEvent.Disconnected, () => {
        room.current = null;
        if (!userEnding.current) {
          void stopBrowser();
          stopTracks();
          setPhase('idle');
          setError('The connection to the media server was lost. You are no longer live.');
          void channel.reload();
        }
      });
      room.current = next;
      setMicOn(true);
      setCameraOn(true);
      setPhase('live');
      void channel.reload();
    } catch (e) {
      if (started) await stopBrowser();
      stopTracks();
      setError(errorMessage(e));
      setPhase('idle');
      void channel.reload();
    }
  }

  async function endStream() {
    setPhase('ending');
    userEnding.current = true;
    await room.current?.disconnect();
    room.current = null;
    stopTracks();
    await stopBrowser();
    setPhase('idle');
    void channel.reload();
  }

  async function toggleMic() {
    const next = !micOn;
    await room.current?.localParticipant.setMicrophoneEnabled(next);
    setMicOn(next);
  }

  async function toggleCamera() {
    const next = !cameraOn;
    await room.current?.localParticipant.setCameraEnabled(next);
    setCameraOn(next);
  }

  const busy = phase !== 'idle' && phase !== 'live';
  const live = phase === 'live';
  const liveFromObs = channel.data?.isLive && channel.data.liveSource === 'INGRESS';
  const currentStep = STEPS.findIndex((s) => s.phase === phase);

  return (
    <>
      <PageHeader
        title="Go Live with Camera"
        subtitle="Stream straight from this browser: no OBS needed."
        actions={
          <Pill tone={live ? 'live' : busy ? 'warn' : 'off'} testId="golive-state">
            {live ? '● Live' : busy ? 'Starting…' : 'Offline'}
          </Pill>
        }
      />
      <div className="two-columns wide-left">
        <Card title="Camera" labelId="camera-title">
          <div className={`video-frame ${live ? 'video-live' : ''}`}>
            <video ref={video} autoPlay muted playsInline aria-label="Your camera preview" data-testid="camera-preview" />
            {phase === 'idle' && <div className="video-placeholder">Your camera preview appears here</div>}
          </div>
          {busy && (
            <ol className="progress-steps" aria-live="polite">
              {STEPS.map((step, index) => (
                <li key={step.phase} className={index < currentStep ? 'done' : index === currentStep ? 'current' : ''} data-testid={index === currentStep ? 'golive-step' : undefined}>
                  {step.label}
                </li>
              ))}
            </ol>
          )}
          {error && (
            <div className="banner banner-error" role="alert" data-testid="golive-error">
              {error}
            </div>
          )}
          {liveFromObs && <Notice tone="warn">You are live from OBS. End that stream before going live with the camera.</Notice>}
          <div className="button-row">
            {!live ? (
              <button type="button" className="btn btn-live btn-large" onClick={goLive} disabled={busy || Boolean(liveFromObs)}>
                {busy ? 'Starting…' : 'Go Live with Camera'}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-secondary" aria-pressed={!micOn} onClick={toggleMic}>
                  {micOn ? 'Mute microphone' : 'Unmute microphone'}
                </button>
                <button type="button" className="btn btn-secondary" aria-pressed={!cameraOn} onClick={toggleCamera}>
                  {cameraOn ? 'Turn camera off' : 'Turn camera on'}
                </button>
                <button type="button" className="btn btn-danger" onClick={endStream}>
                  End stream
                </button>
              </>
            )}
          </div>
        </Card>
        <ChannelCard channel={channel} />
      </div>
    </>
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        window.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function ChannelCard({ channel }: { channel: Resource<Channel> }) {
  const [title, setTitle] = useState('');
  const [username, setUsername] = useState('');
  const action = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const data = channel.data;

  useEffect(() => {
    if (data) {
      setTitle(data.title ?? '');
      setUsername(data.username ?? '');
    }
  }, [data?.title, data?.username]); // eslint-disable-line react-hooks/exhaustive-deps

  async function patch(body: Partial<Channel>, message: string) {
    setSaved(null);
    const next = await action.run(() => api.patch<Channel>('/api/stream', body));
    if (next) {
      channel.setData(next);
      setSaved(message);
    }
  }

  async function saveUsername(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const next = await action.run(() => api.put<Channel>('/api/stream/username', { username: username.trim() }));
    if (next) {
      channel.setData(next);
      setSaved('Username saved.');
    }
  }

  if (!data) {
    return (
      <Card title="Channel" labelId="channel-title">
        {channel.loading ? <Spinner /> : <ErrorBanner message={channel.error} onRetry={channel.reload} />}
      </Card>
    );
  }
  const watchUrl = `${location.origin}/watch/${encodeURIComponent(data.username || data.creatorId)}`;
  return (
    <Card title="Channel" labelId="channel-title">
      <div className="copy-row">
        <a href={watchUrl} className="mono" target="_blank" rel="noreferrer">
          {watchUrl}
        </a>
        <CopyButton text={watchUrl} />
      </div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void patch({ title: title.trim() }, 'Title saved.');
        }}
      >
        <Field label="Stream title" htmlFor="channel-title-input">
          <input id="channel-title-input" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary btn-small" disabled={action.busy}>
          Save title
        </button>
      </form>
      <form className="form" onSubmit={saveUsername}>
        <Field label="Username" htmlFor="channel-username" hint="3–30 letters, digits, _ or -. Your page's address.">
          <input id="channel-username" minLength={3} maxLength={30} pattern="[A-Za-z0-9_\-]+" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary btn-small" disabled={action.busy || !username.trim()}>
          Claim username
        </button>
      </form>
      <fieldset className="fieldset">
        <legend>Chat</legend>
        <label className="check">
          <input type="checkbox" checked={data.isChatEnabled} onChange={() => patch({ isChatEnabled: !data.isChatEnabled }, 'Chat settings saved.')} />
          Chat enabled
        </label>
        <label className="check">
          <input type="checkbox" checked={data.isChatDelayed} disabled={!data.isChatEnabled} onChange={() => patch({ isChatDelayed: !data.isChatDelayed }, 'Chat settings saved.')} />
          Delay chat by a few seconds
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={data.isChatFollowersOnly}
            disabled={!data.isChatEnabled}
            onChange={() => patch({ isChatFollowersOnly: !data.isChatFollowersOnly }, 'Chat settings saved.')}
          />
          Signed-in viewers only
        </label>
      </fieldset>
      {saved && <p className="small muted" role="status">{saved}</p>}
      <ErrorBanner message={action.error} />
    </Card>
  );
}
