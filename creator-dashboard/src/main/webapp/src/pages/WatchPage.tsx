import { FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RemoteTrack, Room, RoomEvent, Track } from 'livekit-client';
import { api, errorMessage } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useResource } from '../lib/hooks';
import { useUnit } from '../lib/unit';
import { LiveKitGrant, PublicMenuItem, PublicStream } from '../lib/types';
import { formatAmount } from '../lib/format';
import { Empty, ErrorBanner, Pill, Spinner } from '../components/ui';

interface ChatLine {
  id: string;
  from: string;
  text: string;
  mine: boolean;
}

const CHAT_DELAY_MS = 3000;

/** The public page of a creator: their stream (subscribe-only), their tip menu and, as allowed, chat. */
export function WatchPage() {
  const { username = '' } = useParams();
  const { creator } = useAuth();
  const unit = useUnit();
  const stream = useResource(() => api.get<PublicStream>(`/api/viewer/stream/${encodeURIComponent(username)}`, { anonymous: !creator }), [username]);
  const creatorId = stream.data?.creatorId;
  const menu = useResource(
    () => (creatorId ? api.get<PublicMenuItem[]>(`/api/menu/public/${encodeURIComponent(creatorId)}`, { anonymous: true }) : Promise.resolve([])),
    [creatorId],
  );

  return (
    <div className="watch">
      <header className="watch-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Streaming Companion</span>
        </Link>
      </header>
      <main id="main" className="watch-main">
        {stream.loading && !stream.data && <Spinner label="Loading the stream…" />}
        {stream.error && (
          <ErrorBanner message={/not found/i.test(stream.error) ? `There is no channel called “${username}”.` : stream.error} onRetry={stream.reload} />
        )}
        {stream.data && (
          <>
            <section className="watch-stage" aria-labelledby="watch-title">
              <div className="watch-title-row">
                <h1 id="watch-title">{stream.data.title}</h1>
                {stream.data.isLive ? <Pill tone="live" testId="watch-live">● Live · {stream.data.viewerCount} watching</Pill> : <Pill tone="off" testId="watch-live">Offline</Pill>}
              </div>
              <p className="muted">{stream.data.username}{stream.data.description ? ` · ${stream.data.description}` : ''}</p>
              <Player stream={stream.data} signedIn={Boolean(creator)} />
            </section>
            <aside className="watch-menu" aria-labelledby="menu-heading">
              <h2 id="menu-heading">Tip menu</h2>
              {menu.loading && !menu.data && <Spinner />}
              <ErrorBanner message={menu.error} onRetry={menu.reload} />
              {menu.data && menu.data.length === 0 && <Empty title="No menu yet" />}
              <ul className="public-menu" data-testid="public-menu">
                {[...(menu.data ?? [])].sort((a, b) => a.position - b.position || a.priceCents - b.priceCents).map((item) => (
                  <li key={item.id}>
                    <div>
                      <div className="item-title">{item.title}</div>
                      {item.description && <div className="small muted">{item.description}</div>}
                    </div>
                    <span className="price">{formatAmount(item.priceCents, unit)}</span>
                  </li>
                ))}
              </ul>
            </aside>
          </>
        )}
      </main>
    </div>
  );
}

function Player({ stream, signedIn }: { stream: PublicStream; signedIn: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [room, setRoom] = useState<Room | null>(null);
  const [grant, setGrant] = useState<LiveKitGrant | null>(null);
  const [state, setState] = useState<'idle' | 'connecting' | 'watching' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<ChatLine[]>([]);

  useEffect(() => {
    if (!stream.isLive) return;
    let cancelled = false;
    const next = new Room({ adaptiveStream: true });
    const attach = (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Video && video.current) track.attach(video.current);
      if (track.kind === Track.Kind.Audio && audio.current) track.attach(audio.current);
    };
    next.on(RoomEvent.TrackSubscribed, attach);
    next.on(RoomEvent.DataReceived, (payload, participant) => {
      let text: string;
      try {
        text = new TextDecoder().decode(payload).slice(0, 500);
      } catch {
        return;
      }
      const line = { id: crypto.randomUUID(), from: participant?.name || participant?.identity || 'someone', text, mine: false };
      const show = () => !cancelled && setLines((l) => [...l.slice(-99), line]);
      if (stream.isChatDelayed) window.setTimeout(show, CHAT_DELAY_MS);
      else show();
    });
    (async () => {
      setState('connecting');
      try {
        const token = await api.post<LiveKitGrant>('/api/viewer/token', { username: stream.username }, { anonymous: !signedIn });
        if (cancelled) return;
        setGrant(token);
        await next.connect(token.wsUrl, token.token, { autoSubscribe: true });
        if (cancelled) return;
        setRoom(next);
        setState('watching');
        next.remoteParticipants.forEach((p) => p.trackPublications.forEach((pub) => pub.track && attach(pub.track)));
      } catch (e) {
        if (!cancelled) {
          setState('failed');
          setError(`The stream cannot be played right now (${errorMessage(e)}).`);
        }
      }
    })();
    return () => {
      cancelled = true;
      void next.disconnect();
    };
  }, [stream.isLive, stream.username, stream.isChatDelayed, signedIn]);

  async function send(text: string) {
    if (!room) return;
    await room.localParticipant.publishData(new TextEncoder().encode(text), { reliable: true });
    setLines((l) => [...l.slice(-99), { id: crypto.randomUUID(), from: 'You', text, mine: true }]);
  }

  return (
    <>
      <div className="video-frame">
        <video ref={video} autoPlay playsInline controls={state === 'watching'} aria-label="Live stream" />
        <audio ref={audio} autoPlay />
        {!stream.isLive && <div className="video-placeholder">{stream.username} is offline. The menu is below; come back when they are live.</div>}
        {state === 'connecting' && <div className="video-placeholder">Connecting…</div>}
      </div>
      <ErrorBanner message={error} />
      {stream.isChatEnabled ? (
        <Chat
          lines={lines}
          canSend={state === 'watching' && Boolean(grant?.canPublishData)}
          reason={
            state !== 'watching'
              ? 'Chat opens when the stream plays.'
              : stream.isChatFollowersOnly && !signedIn
                ? 'Chat is for signed-in viewers only.'
                : grant?.canPublishData
                  ? null
                  : 'Chat is read-only for you.'
          }
          onSend={send}
        />
      ) : (
        <p className="muted small">Chat is off for this stream.</p>
      )}
    </>
  );
}

function Chat({ lines, canSend, reason, onSend }: { lines: ChatLine[]; canSend: boolean; reason: string | null; onSend: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    await onSend(value.slice(0, 500));
  }
  return (
    <section className="chat" aria-label="Chat">
      <ol className="chat-lines" aria-live="polite">
        {lines.map((line) => (
          <li key={line.id} className={line.mine ? 'mine' : ''}>
            <strong>{line.from}</strong> {line.text}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="chat-form">
        <label htmlFor="chat-input" className="visually-hidden">
          Message
        </label>
        <input id="chat-input" maxLength={500} disabled={!canSend} placeholder={reason ?? 'Say something nice'} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="btn btn-primary btn-small" disabled={!canSend || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}
