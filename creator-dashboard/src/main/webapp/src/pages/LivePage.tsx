import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage, newIdempotencyKey } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useAction, useNow, useResource } from '../lib/hooks';
import { Frame, LiveSocket, SocketState } from '../lib/socket';
import { useUnit } from '../lib/unit';
import {
  AnimationRule,
  ANIMATION_TYPES,
  AnimationType,
  Goal,
  Note,
  Platform,
  Session,
  Tip,
} from '../lib/types';
import { amountInput, formatAmount, formatDuration, formatTime, parseAmount, platformLabel, Unit, unitLabel } from '../lib/format';
import { PageHeader } from '../components/Layout';
import { Card, Empty, ErrorBanner, Field, Notice, Pill, Progress, Spinner, Stat } from '../components/ui';

const PLATFORMS: Platform[] = ['chaturbate', 'stripchat', 'other'];

export function LivePage() {
  const { token } = useAuth();
  const active = useResource(() => api.get<Session | null>('/api/sessions/active'), []);
  const [socketState, setSocketState] = useState<{ state: SocketState; detail: string | null }>({ state: 'connecting', detail: null });
  const socketRef = useRef<LiveSocket | null>(null);
  const followedSession = useRef<string | null>(null);
  const [frameListeners] = useState(() => new Set<(frame: Frame) => void>());

  useEffect(() => {
    const socket = new LiveSocket(token);
    socketRef.current = socket;
    // A socket made again (the token changed) follows the session at once: the effect below runs only when the
    // session changes, and a new socket that waited for it would get no frames at all.
    socket.join(followedSession.current);
    const offState = socket.onState((state, detail) => setSocketState({ state, detail }));
    const offFrame = socket.onFrame((frame) => frameListeners.forEach((listener) => listener(frame)));
    return () => {
      offState();
      offFrame();
      socket.close();
    };
  }, [token, frameListeners]);

  const session = active.data ?? null;
  useEffect(() => {
    followedSession.current = session && session.status === 'active' ? session.id : null;
    socketRef.current?.join(followedSession.current);
  }, [session?.id, session?.status]);

  const subscribe = useCallback(
    (listener: (frame: Frame) => void) => {
      frameListeners.add(listener);
      return () => {
        frameListeners.delete(listener);
      };
    },
    [frameListeners],
  );

  return (
    <>
      <PageHeader
        title="Live"
        subtitle="Your session, tips and goals as they happen."
        actions={<SocketPill state={socketState.state} detail={socketState.detail} />}
      />
      {active.loading && active.data === undefined && <Spinner label="Loading your session…" />}
      <ErrorBanner message={active.error} onRetry={active.reload} />
      {!active.loading || active.data !== undefined ? (
        session && session.status === 'active' ? (
          <ActiveSession
            key={session.id}
            initial={session}
            subscribe={subscribe}
            socket={socketRef}
            onEnded={() => active.setData(null)}
          />
        ) : active.data !== undefined || !active.error ? (
          <StartSession onStarted={(s) => active.setData(s)} />
        ) : null
      ) : null}
    </>
  );
}

function SocketPill({ state, detail }: { state: SocketState; detail: string | null }) {
  const text = { open: 'Connected', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline' }[state];
  const tone = state === 'open' ? 'ok' : state === 'offline' ? 'off' : 'warn';
  return (
    <span title={detail ?? undefined} aria-live="polite">
      <Pill tone={tone} testId="socket-state">
        {text}
      </Pill>
      {detail && <span className="visually-hidden">{detail}</span>}
    </span>
  );
}

function StartSession({ onStarted }: { onStarted: (session: Session) => void }) {
  const [platform, setPlatform] = useState<Platform>('chaturbate');
  const [title, setTitle] = useState('');
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const started = await run(() => api.post<Session>('/api/sessions', { platform, title: title.trim() || null }));
    if (started) onStarted(started);
  }

  return (
    <Card title="Start a session" labelId="start-title" className="start-card">
      <p className="muted">
        Start a session when you go live on your platform. Tips, goals and alerts follow it until you end it.
      </p>
      <form className="form form-inline" onSubmit={submit}>
        <Field label="Platform" htmlFor="start-platform">
          <select id="start-platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {platformLabel(p)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Title" htmlFor="start-title-input">
          <input id="start-title-input" maxLength={200} value={title} placeholder="Friday night stream" onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-live" disabled={busy}>
          {busy ? 'Starting…' : 'Start session'}
        </button>
      </form>
      <ErrorBanner message={error} />
    </Card>
  );
}

interface ActiveProps {
  initial: Session;
  subscribe: (listener: (frame: Frame) => void) => () => void;
  socket: React.MutableRefObject<LiveSocket | null>;
  onEnded: () => void;
}

interface TtsClip {
  tipId: string;
  text: string;
  voice: string;
  test: boolean;
  url: string;
}

function ActiveSession({ initial, subscribe, socket, onEnded }: ActiveProps) {
  const [session, setSession] = useState<Session>(initial);
  const unit = useUnit(session.platform);
  const tips = useResource(
    () => api.get<{ items: Tip[] }>(`/api/tips?sessionId=${encodeURIComponent(initial.id)}&size=50`).then((page) => page.items),
    [initial.id],
  );
  const goals = useResource(() => api.get<Goal[]>(`/api/goals?sessionId=${encodeURIComponent(initial.id)}`), [initial.id]);
  const [liveTips, setLiveTips] = useState<Tip[]>([]);
  // The overlay (OBS) plays the clips to viewers; playing them here too would double them on one machine.
  const [playHere, setPlayHere] = useState(() => localStorage.getItem('sc.tts.playHere') === 'true');
  const [alert, setAlert] = useState<string | null>(null);
  const [clip, setClip] = useState<TtsClip | null>(null);
  const [synced, setSynced] = useState(false);
  const audio = useRef<HTMLAudioElement | null>(null);
  const end = useAction();
  const now = useNow();

  useEffect(
    () =>
      subscribe((frame) => {
        const data = frame.data ?? {};
        if (data.sessionId && data.sessionId !== initial.id) return;
        switch (frame.event) {
          case 'snapshot':
            if (data.session) setSession((s) => ({ ...s, ...data.session, id: s.id }));
            if (Array.isArray(data.goals)) goals.setData(data.goals.map(goalFromFrame));
            // The socket follows the session from here on; a tip recorded after the feed was first read but
            // before this join came as no frame, so the feed is read again.
            void tips.reload();
            setSynced(true);
            break;
          case 'session_updated':
            setSession((s) => ({ ...s, ...pickSession(data) }));
            break;
          case 'tip_received':
            // Kept apart from the REST page, so a page answered after the frame cannot drop it.
            setLiveTips((list) => (list.some((t) => t.id === data.tip.id) ? list : [data.tip, ...list].slice(0, 200)));
            if (data.sessionTotals && !data.tip.test) {
              setSession((s) => ({ ...s, totalTipsCents: data.sessionTotals.totalTipsCents, tipCount: data.sessionTotals.tipCount }));
            }
            break;
          case 'goal_progress':
            goals.setData((list = []) => {
              if (data.removed) return list.filter((g) => g.id !== data.goalId);
              const next = goalFromFrame(data);
              return list.some((g) => g.id === next.id)
                ? list.map((g) => (g.id === next.id ? { ...g, ...next, position: g.position } : g))
                : [...list, next];
            });
            break;
          case 'goal_completed':
            setAlert(`Goal reached: ${data.title}`);
            break;
          case 'animation_trigger':
            setAlert(`Animation: ${data.type}${data.trigger === 'manual' ? ' (manual)' : ''}`);
            break;
          case 'chat_participant_audio':
            if (typeof data.audioBase64 === 'string') {
              setClip({
                tipId: data.tipId,
                text: data.text ?? '',
                voice: data.voice ?? '',
                test: Boolean(data.test),
                url: `data:${data.format || 'audio/mpeg'};base64,${data.audioBase64}`,
              });
            }
            break;
          case 'tts_skipped':
            audio.current?.pause();
            setClip(null);
            break;
          case 'connector_status':
            setAlert(`${data.platform ?? 'Platform'} connector: ${data.status}${data.reason ? ` (${data.reason})` : ''}`);
            break;
          case 'error':
            if (data.code && data.code !== 'rate_limited') setAlert(`Live connection: ${data.message ?? data.code}`);
            break;
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [subscribe, initial.id],
  );

  useEffect(() => {
    if (!alert) return;
    const timer = window.setTimeout(() => setAlert(null), 5000);
    return () => window.clearTimeout(timer);
  }, [alert]);

  useEffect(() => {
    if (session.status === 'ended') onEnded();
  }, [session.status, onEnded]);

  useEffect(() => {
    if (!clip || !audio.current || !playHere) return;
    audio.current.src = clip.url;
    audio.current.play().catch(() => {
      /* autoplay refused: the creator can press play */
    });
  }, [clip, playHere]);

  function skipClip() {
    audio.current?.pause();
    socket.current?.send('skip_tts', { sessionId: session.id });
    setClip(null);
  }

  async function endSession() {
    if (!window.confirm('End this session? Tips will no longer be counted for it.')) return;
    const ended = await end.run(() => api.post<Session>(`/api/sessions/${session.id}/end`));
    if (ended) onEnded();
  }

  const duration = (now - new Date(session.startedAt).getTime()) / 1000;
  const feed = useMemo(() => {
    if (tips.data === undefined && liveTips.length === 0) return undefined;
    const byId = new Map<string, Tip>();
    for (const tip of [...liveTips, ...(tips.data ?? [])]) if (!byId.has(tip.id)) byId.set(tip.id, tip);
    return [...byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }, [liveTips, tips.data]);
  const sortedGoals = useMemo(() => [...(goals.data ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)), [goals.data]);

  return (
    <div className="live-grid" data-synced={synced ? 'true' : 'false'}>
      <section className="session-bar card" aria-label="Session">
        <div className="session-title">
          <Pill tone="live" testId="session-status">
            ● Live
          </Pill>
          <div>
            <div className="session-name" data-testid="session-title">
              {session.title || 'Untitled session'}
            </div>
            <div className="muted small">
              {platformLabel(session.platform)} · started {formatTime(session.startedAt)}
            </div>
          </div>
        </div>
        <div className="stats">
          <Stat label="Total" value={formatAmount(session.totalTipsCents, unit)} testId="total-tips" hint="test tips excluded" />
          <Stat label="Tips" value={session.tipCount} testId="tip-count" />
          <Stat label="Viewers" value={session.currentViewers} hint={`peak ${session.peakViewers}`} testId="viewers" />
          <Stat label="Duration" value={formatDuration(duration)} testId="duration" />
        </div>
        <div className="session-actions">
          <button type="button" className="btn btn-danger" onClick={endSession} disabled={end.busy}>
            {end.busy ? 'Ending…' : 'End session'}
          </button>
        </div>
        <ErrorBanner message={end.error} />
      </section>

      {alert && (
        <div className="toast" role="status" aria-live="polite">
          {alert}
        </div>
      )}

      <Card title="Tip feed" labelId="feed-title" className="feed-card">
        {tips.loading && feed === undefined && <Spinner label="Loading tips…" />}
        <ErrorBanner message={tips.error} onRetry={tips.reload} />
        {feed && feed.length === 0 && <Empty title="No tips yet">They appear here the moment they arrive.</Empty>}
        {feed && feed.length > 0 && (
          <ol className="feed" aria-live="polite" aria-relevant="additions" data-testid="tip-feed">
            {feed.map((tip) => (
              <li key={tip.id} className={`feed-item ${tip.test ? 'feed-test' : ''}`}>
                <div className="feed-amount">{formatAmount(tip.amountCents, unit)}</div>
                <div className="feed-body">
                  <div className="feed-who">
                    <strong>{tip.tipperName || 'Anonymous'}</strong>
                    {tip.test && <span className="badge badge-test">test</span>}
                    {tip.menuItem && <span className="badge badge-menu">{tip.menuItem.title}</span>}
                  </div>
                  {tip.message && <div className="feed-message">{tip.message}</div>}
                </div>
                <time className="feed-time muted small" dateTime={tip.receivedAt}>
                  {formatTime(tip.receivedAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </Card>

      <div className="live-side">
        <GoalsCard sessionId={session.id} goals={sortedGoals} resource={goals} unit={unit} />
        <TestTipCard sessionId={session.id} unit={unit} />
        <Card title="Text to speech" labelId="tts-title">
          <label className="check small">
            <input
              type="checkbox"
              checked={playHere}
              onChange={() => {
                localStorage.setItem('sc.tts.playHere', String(!playHere));
                setPlayHere(!playHere);
              }}
            />
            Also play clips in this tab (your overlay plays them to viewers)
          </label>
          {clip ? (
            <div className="tts-now" data-testid="tts-now">
              <div>
                <div className="small muted">Now playing{clip.test ? ' (test)' : ''} · {clip.voice}</div>
                <div className="tts-text">{clip.text}</div>
              </div>
              <button type="button" className="btn btn-secondary" onClick={skipClip}>
                Skip clip
              </button>
            </div>
          ) : (
            <p className="muted">Tip messages read aloud play here and in your overlay. Configure them under Chatbot & TTS.</p>
          )}
          <audio ref={audio} onEnded={() => setClip(null)} className="visually-hidden" />
        </Card>
        <AnimationsCard sessionId={session.id} unit={unit} />
        <NotesCard sessionId={session.id} />
      </div>
    </div>
  );
}

function pickSession(data: any): Partial<Session> {
  const keys: (keyof Session)[] = ['status', 'platform', 'title', 'notes', 'totalTipsCents', 'tipCount', 'currentViewers', 'peakViewers', 'startedAt', 'endedAt'];
  const out: Partial<Session> = {};
  for (const key of keys) if (data[key] !== undefined) (out as any)[key] = data[key];
  return out;
}

function goalFromFrame(data: any): Goal {
  return {
    id: data.goalId ?? data.id,
    title: data.title,
    targetCents: data.targetCents,
    currentCents: data.currentCents,
    percentage: data.percentage,
    completed: Boolean(data.completed),
    position: data.position,
  };
}

function GoalsCard({ sessionId, goals, resource, unit }: {
  sessionId: string;
  goals: Goal[];
  resource: { loading: boolean; error: string | null; reload: () => Promise<void>; data: Goal[] | undefined };
  unit: Unit;
}) {
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(target, unit);
    if (cents === null) {
      action.setError(`Enter a target greater than 0 ${unitLabel(unit)}.`);
      return;
    }
    const position = goals.length === 0 ? 0 : Math.max(...goals.map((g) => g.position ?? 0)) + 1;
    const done = await action.run(() => api.post('/api/goals', { sessionId, title: title.trim(), targetCents: cents, position }));
    if (done !== undefined) {
      setTitle('');
      setTarget('');
      await resource.reload();
    }
  }

  async function move(index: number, delta: number) {
    const other = goals[index + delta];
    const goal = goals[index];
    if (!other) return;
    await action.run(async () => {
      // Positions are dense after this, so two goals never share one.
      const order = [...goals];
      order.splice(index, 1);
      order.splice(index + delta, 0, goal);
      await Promise.all(order.map((g, i) => (g.position === i ? null : api.patch(`/api/goals/${g.id}`, { position: i }))));
    });
    await resource.reload();
  }

  async function remove(goal: Goal) {
    if (!window.confirm(`Delete the goal “${goal.title}”?`)) return;
    await action.run(() => api.del(`/api/goals/${goal.id}`));
    await resource.reload();
  }

  return (
    <Card title="Goals" labelId="goals-title">
      {resource.loading && resource.data === undefined && <Spinner label="Loading goals…" />}
      <ErrorBanner message={resource.error} onRetry={resource.reload} />
      {resource.data && goals.length === 0 && <Empty title="No goals for this session">Tips fill goals in order; the surplus carries over.</Empty>}
      <ul className="goals" data-testid="goals">
        {goals.map((goal, index) =>
          editing === goal.id ? (
            <GoalEditor key={goal.id} goal={goal} unit={unit} onDone={async () => { setEditing(null); await resource.reload(); }} />
          ) : (
            <li key={goal.id} className="goal">
              <div className="goal-head">
                <span className="goal-title">
                  {goal.title} {goal.completed && <span className="badge badge-done">reached</span>}
                </span>
                <span className="goal-numbers small">
                  {formatAmount(goal.currentCents, unit)} / {formatAmount(goal.targetCents, unit)} · {goal.percentage}%
                </span>
              </div>
              <Progress value={goal.percentage} label={`${goal.title} progress`} completed={goal.completed} />
              <div className="row-actions">
                <button type="button" className="btn btn-ghost btn-small" aria-label={`Move ${goal.title} up`} disabled={index === 0 || action.busy} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button type="button" className="btn btn-ghost btn-small" aria-label={`Move ${goal.title} down`} disabled={index === goals.length - 1 || action.busy} onClick={() => move(index, 1)}>
                  ↓
                </button>
                <button type="button" className="btn btn-ghost btn-small" aria-label={`Edit ${goal.title}`} onClick={() => setEditing(goal.id)}>
                  Edit
                </button>
                <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={`Delete ${goal.title}`} onClick={() => remove(goal)}>
                  Delete
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      <form className="form form-inline compact" onSubmit={create} aria-label="New goal">
        <Field label="New goal" htmlFor="goal-title">
          <input id="goal-title" required maxLength={200} value={title} placeholder="New lights" onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label={`Target (${unitLabel(unit)})`} htmlFor="goal-target">
          <input id="goal-target" required inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          Add goal
        </button>
      </form>
      <ErrorBanner message={action.error} />
    </Card>
  );
}

function GoalEditor({ goal, unit, onDone }: { goal: Goal; unit: Unit; onDone: () => void }) {
  const [title, setTitle] = useState(goal.title);
  const [target, setTarget] = useState(amountInput(goal.targetCents, unit));
  const action = useAction();
  async function save(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(target, unit);
    if (cents === null) {
      action.setError('Enter a target greater than 0.');
      return;
    }
    const body: Record<string, unknown> = { title: title.trim() };
    if (cents !== goal.targetCents) body.targetCents = cents;
    const saved = await action.run(() => api.patch(`/api/goals/${goal.id}`, body));
    if (saved !== undefined) onDone();
  }
  return (
    <li className="goal goal-editing">
      <form className="form form-inline compact" onSubmit={save}>
        <Field label="Title" htmlFor={`edit-goal-${goal.id}`}>
          <input id={`edit-goal-${goal.id}`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label={`Target (${unitLabel(unit)})`} htmlFor={`edit-goal-target-${goal.id}`}>
          <input id={`edit-goal-target-${goal.id}`} required inputMode="decimal" value={target} disabled={goal.completed} onChange={(e) => setTarget(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary btn-small" disabled={action.busy}>
          Save
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          Cancel
        </button>
      </form>
      <ErrorBanner message={action.error} />
    </li>
  );
}

function TestTipCard({ sessionId, unit }: { sessionId: string; unit: Unit }) {
  const [amount, setAmount] = useState(unit.kind === 'tokens' ? '100' : '5.00');
  const [name, setName] = useState('Test tipper');
  const [message, setMessage] = useState('This is a test tip');
  const action = useAction();
  const [sent, setSent] = useState(false);
  async function send(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(amount, unit);
    if (cents === null) {
      action.setError('Enter an amount greater than 0.');
      return;
    }
    setSent(false);
    const done = await action.run(() =>
      api.post('/api/tips', { sessionId, amountCents: cents, tipperName: name.trim() || null, message: message.trim() || null, test: true }, {
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }),
    );
    if (done !== undefined) setSent(true);
  }
  return (
    <Card title="Send a test tip" labelId="test-tip-title">
      <p className="muted small">Test tips play alerts and animations but never count towards totals or goals' money.</p>
      <form className="form form-grid" onSubmit={send}>
        <Field label={`Amount (${unitLabel(unit)})`} htmlFor="test-amount">
          <input id="test-amount" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        <Field label="Tipper" htmlFor="test-name">
          <input id="test-name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Message" htmlFor="test-message">
          <input id="test-message" maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={action.busy}>
          {action.busy ? 'Sending…' : 'Send test tip'}
        </button>
      </form>
      {sent && <Notice tone="success">Test tip sent.</Notice>}
      <ErrorBanner message={action.error} />
    </Card>
  );
}

function AnimationsCard({ sessionId, unit }: { sessionId: string; unit: Unit }) {
  const rules = useResource(() => api.get<AnimationRule[]>('/api/animations/rules'), []);
  const [threshold, setThreshold] = useState('');
  const [type, setType] = useState<AnimationType>('confetti');
  const action = useAction();
  const [fired, setFired] = useState<string | null>(null);

  async function trigger(kind: AnimationType) {
    setFired(null);
    const done = await action.run(() => api.post('/api/animations/trigger', { sessionId, type: kind }));
    if (done !== undefined) setFired(kind);
  }
  async function create(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(threshold, unit);
    if (cents === null) {
      action.setError('Enter a threshold greater than 0.');
      return;
    }
    const done = await action.run(() => api.post('/api/animations/rules', { thresholdCents: cents, type, active: true }));
    if (done !== undefined) {
      setThreshold('');
      await rules.reload();
    }
  }
  return (
    <Card title="Animations" labelId="animations-title">
      <div className="button-row" role="group" aria-label="Play an animation now">
        {ANIMATION_TYPES.map((kind) => (
          <button key={kind} type="button" className="btn btn-secondary btn-small" disabled={action.busy} onClick={() => trigger(kind)}>
            {kind}
          </button>
        ))}
      </div>
      {fired && <p className="small muted" role="status">Played {fired} on your overlay.</p>}
      <h3 className="subheading">Rules</h3>
      {rules.loading && rules.data === undefined && <Spinner />}
      <ErrorBanner message={rules.error} onRetry={rules.reload} />
      {rules.data && rules.data.length === 0 && <p className="muted small">No rules: tips play no animation by themselves.</p>}
      <ul className="rules">
        {[...(rules.data ?? [])].sort((a, b) => a.thresholdCents - b.thresholdCents).map((rule) => (
          <li key={rule.id} className={rule.active ? '' : 'inactive'}>
            <span>
              {formatAmount(rule.thresholdCents, unit)}+ → <strong>{rule.type}</strong>
            </span>
            <span className="row-actions">
              <label className="switch">
                <input
                  type="checkbox"
                  checked={rule.active}
                  onChange={async () => {
                    await action.run(() => api.patch(`/api/animations/rules/${rule.id}`, { active: !rule.active }));
                    await rules.reload();
                  }}
                />
                <span>{rule.active ? 'On' : 'Off'}</span>
              </label>
              <button
                type="button"
                className="btn btn-ghost btn-small btn-danger-text"
                aria-label={`Delete rule ${rule.type} from ${formatAmount(rule.thresholdCents, unit)}`}
                onClick={async () => {
                  await action.run(() => api.del(`/api/animations/rules/${rule.id}`));
                  await rules.reload();
                }}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form className="form form-inline compact" onSubmit={create} aria-label="New animation rule">
        <Field label={`From (${unitLabel(unit)})`} htmlFor="rule-threshold">
          <input id="rule-threshold" required inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </Field>
        <Field label="Play" htmlFor="rule-type">
          <select id="rule-type" value={type} onChange={(e) => setType(e.target.value as AnimationType)}>
            {ANIMATION_TYPES.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn btn-primary btn-small" disabled={action.busy}>
          Add rule
        </button>
      </form>
      <ErrorBanner message={action.error} />
    </Card>
  );
}

function NotesCard({ sessionId }: { sessionId: string }) {
  const notes = useResource(() => api.get<Note[]>(`/api/sessions/${sessionId}/notes`), [sessionId]);
  const [body, setBody] = useState('');
  const action = useAction();
  async function add(event: FormEvent) {
    event.preventDefault();
    const done = await action.run(() => api.post(`/api/sessions/${sessionId}/notes`, { body: body.trim() }));
    if (done !== undefined) {
      setBody('');
      await notes.reload();
    }
  }
  return (
    <Card title="Notes" labelId="notes-title">
      {notes.loading && notes.data === undefined && <Spinner />}
      <ErrorBanner message={notes.error} onRetry={notes.reload} />
      {notes.data && notes.data.length === 0 && <p className="muted small">Private to you: reminders, regulars' names, what worked.</p>}
      <ul className="notes">
        {(notes.data ?? []).map((note) => (
          <li key={note.id}>
            <time className="small muted" dateTime={note.createdAt}>
              {formatTime(note.createdAt)}
            </time>
            <span className="note-body">{note.body}</span>
            <button
              type="button"
              className="btn btn-ghost btn-small btn-danger-text"
              aria-label="Delete note"
              onClick={async () => {
                await action.run(() => api.del(`/api/sessions/${sessionId}/notes/${note.id}`));
                await notes.reload();
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <form className="form form-inline compact" onSubmit={add}>
        <Field label="Add a note" htmlFor="note-body">
          <input id="note-body" required maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-secondary btn-small" disabled={action.busy || !body.trim()}>
          Add
        </button>
      </form>
      <ErrorBanner message={action.error} />
    </Card>
  );
}

export { errorMessage };
