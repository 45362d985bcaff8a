import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useAction, useResource } from '../lib/hooks';
import { useUnit } from '../lib/unit';
import { amountInput, formatAmount, parseAmount, Unit, unitLabel } from '../lib/format';
import { PageHeader } from '../components/Layout';
import { Card, Empty, ErrorBanner, Field, Notice, Spinner } from '../components/ui';

type TriggerKind = 'command' | 'keyword' | 'regex' | 'tip' | 'goal_completed';
const TRIGGER_KINDS: { value: TriggerKind; label: string }[] = [
  { value: 'command', label: 'Command (!name)' },
  { value: 'keyword', label: 'Keyword' },
  { value: 'regex', label: 'Pattern (RE2)' },
  { value: 'tip', label: 'Tip of at least' },
  { value: 'goal_completed', label: 'Goal reached' },
];

interface Trigger {
  kind: TriggerKind;
  pattern: string | null;
  minAmountCents: number | null;
  cooldownSeconds: number;
  templates: string[];
}

interface Persona {
  id: string;
  name: string;
  color: string | null;
  avatarUrl: string | null;
  priority: number;
  enabled: boolean;
  cooldownSeconds: number;
  senderCooldownSeconds: number;
  triggers: Trigger[];
}

export function ChatbotPage() {
  return (
    <>
      <PageHeader title="Chatbot & TTS" subtitle="Personas that answer your chat, and tip messages read aloud." />
      <PersonasCard />
      <TtsCard />
    </>
  );
}

function PersonasCard() {
  const unit = useUnit();
  const personas = useResource(() => api.get<Persona[]>('/api/chatbot/personas'), []);
  const variables = useResource(() => api.get<{ name: string; meaning: string }[]>('/api/chatbot/personas/variables'), []);
  const [editing, setEditing] = useState<Persona | 'new' | null>(null);
  const action = useAction();

  return (
    <Card
      title="Chatbot personas"
      labelId="personas-title"
      actions={
        editing === null && (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
            New persona
          </button>
        )
      }
    >
      {personas.loading && !personas.data && <Spinner />}
      <ErrorBanner message={personas.error} onRetry={personas.reload} />
      {editing !== null && (
        <PersonaEditor
          persona={editing === 'new' ? null : editing}
          unit={unit}
          variables={variables.data ?? []}
          onDone={async () => {
            setEditing(null);
            await personas.reload();
          }}
        />
      )}
      {personas.data && personas.data.length === 0 && editing === null && (
        <Empty title="No personas yet">A persona answers chat commands, keywords, tips and reached goals in its own voice.</Empty>
      )}
      <ul className="personas">
        {[...(personas.data ?? [])].sort((a, b) => b.priority - a.priority).map((p) => (
          <li key={p.id} className={p.enabled ? '' : 'inactive'}>
            <span className="persona-dot" style={{ background: p.color ?? '#7c5cff' }} aria-hidden="true" />
            <div className="persona-body">
              <strong>{p.name}</strong>
              <div className="small muted">
                {p.triggers.map((t) => triggerSummary(t, unit)).join(' · ')} · cooldown {p.cooldownSeconds}s
              </div>
            </div>
            <label className="switch">
              <input
                type="checkbox"
                checked={p.enabled}
                aria-label={`${p.name} enabled`}
                onChange={async () => {
                  await action.run(() => api.patch(`/api/chatbot/personas/${p.id}`, { enabled: !p.enabled }));
                  await personas.reload();
                }}
              />
              <span>{p.enabled ? 'On' : 'Off'}</span>
            </label>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(p)}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small btn-danger-text"
              onClick={async () => {
                if (!window.confirm(`Delete persona “${p.name}”?`)) return;
                await action.run(() => api.del(`/api/chatbot/personas/${p.id}`));
                await personas.reload();
              }}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <ErrorBanner message={action.error} />
    </Card>
  );
}

function triggerSummary(t: Trigger, unit: Unit): string {
  switch (t.kind) {
    case 'command':
      return `!${(t.pattern ?? '').replace(/^!/, '')}`;
    case 'keyword':
      return `“${t.pattern}”`;
    case 'regex':
      return `/${t.pattern}/`;
    case 'tip':
      return `tips ≥ ${formatAmount(t.minAmountCents ?? 0, unit)}`;
    default:
      return 'goal reached';
  }
}

interface TriggerDraft {
  kind: TriggerKind;
  pattern: string;
  minAmount: string;
  cooldownSeconds: string;
  templates: string;
}

function PersonaEditor({ persona, unit, variables, onDone }: {
  persona: Persona | null;
  unit: Unit;
  variables: { name: string; meaning: string }[];
  onDone: () => void;
}) {
  const [name, setName] = useState(persona?.name ?? '');
  const [color, setColor] = useState(persona?.color ?? '#7c5cff');
  const [priority, setPriority] = useState(String(persona?.priority ?? 0));
  const [cooldown, setCooldown] = useState(String(persona?.cooldownSeconds ?? 10));
  const [senderCooldown, setSenderCooldown] = useState(String(persona?.senderCooldownSeconds ?? 30));
  const [triggers, setTriggers] = useState<TriggerDraft[]>(
    persona?.triggers.map((t) => ({
      kind: t.kind,
      pattern: t.pattern ?? '',
      minAmount: t.minAmountCents ? amountInput(t.minAmountCents, unit) : '',
      cooldownSeconds: String(t.cooldownSeconds),
      templates: t.templates.join('\n'),
    })) ?? [{ kind: 'command', pattern: '!hello', minAmount: '', cooldownSeconds: '0', templates: 'Hi {sender}!' }],
  );
  const action = useAction();

  function update(index: number, patch: Partial<TriggerDraft>) {
    setTriggers((list) => list.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = {
      name: name.trim(),
      color,
      priority: Number(priority) || 0,
      enabled: persona?.enabled ?? true,
      cooldownSeconds: Number(cooldown) || 0,
      senderCooldownSeconds: Number(senderCooldown) || 0,
      triggers: triggers.map((t) => ({
        kind: t.kind,
        // Commands are "!word"; creators often leave the "!" out.
        pattern: t.kind === 'command' ? `!${t.pattern.trim().replace(/^!+/, '')}` : ['keyword', 'regex'].includes(t.kind) ? t.pattern.trim() : null,
        minAmountCents: t.kind === 'tip' ? parseAmount(t.minAmount, unit) : null,
        cooldownSeconds: Number(t.cooldownSeconds) || 0,
        templates: t.templates.split('\n').map((line) => line.trim()).filter(Boolean),
      })),
    };
    const saved = await action.run(() => (persona ? api.put(`/api/chatbot/personas/${persona.id}`, body) : api.post('/api/chatbot/personas', body)));
    if (saved !== undefined) onDone();
  }

  return (
    <form className="form editor" onSubmit={save} aria-label={persona ? `Edit ${persona.name}` : 'New persona'}>
      <div className="form-grid">
        <Field label="Name" htmlFor="persona-name">
          <input id="persona-name" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Colour" htmlFor="persona-color">
          <input id="persona-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </Field>
        <Field label="Priority" htmlFor="persona-priority" hint="Higher answers first">
          <input id="persona-priority" type="number" min={-1000} max={1000} value={priority} onChange={(e) => setPriority(e.target.value)} />
        </Field>
        <Field label="Cooldown (s)" htmlFor="persona-cooldown">
          <input id="persona-cooldown" type="number" min={0} max={86400} value={cooldown} onChange={(e) => setCooldown(e.target.value)} />
        </Field>
        <Field label="Per-viewer cooldown (s)" htmlFor="persona-sender-cooldown">
          <input id="persona-sender-cooldown" type="number" min={0} max={86400} value={senderCooldown} onChange={(e) => setSenderCooldown(e.target.value)} />
        </Field>
      </div>
      <h3 className="subheading">Triggers</h3>
      {triggers.map((t, i) => (
        <fieldset key={i} className="fieldset trigger">
          <legend>Trigger {i + 1}</legend>
          <div className="form-grid">
            <Field label="When" htmlFor={`trigger-kind-${i}`}>
              <select id={`trigger-kind-${i}`} value={t.kind} onChange={(e) => update(i, { kind: e.target.value as TriggerKind })}>
                {TRIGGER_KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
            {['command', 'keyword', 'regex'].includes(t.kind) && (
              <Field label={t.kind === 'command' ? 'Command' : t.kind === 'keyword' ? 'Keyword' : 'Pattern'} htmlFor={`trigger-pattern-${i}`}>
                <input id={`trigger-pattern-${i}`} required maxLength={200} placeholder={t.kind === 'command' ? '!menu' : undefined} value={t.pattern} onChange={(e) => update(i, { pattern: e.target.value })} />
              </Field>
            )}
            {t.kind === 'tip' && (
              <Field label={`Minimum (${unitLabel(unit)})`} htmlFor={`trigger-min-${i}`}>
                <input id={`trigger-min-${i}`} required inputMode="decimal" value={t.minAmount} onChange={(e) => update(i, { minAmount: e.target.value })} />
              </Field>
            )}
            <Field label="Cooldown (s)" htmlFor={`trigger-cooldown-${i}`}>
              <input id={`trigger-cooldown-${i}`} type="number" min={0} max={86400} value={t.cooldownSeconds} onChange={(e) => update(i, { cooldownSeconds: e.target.value })} />
            </Field>
          </div>
          <Field label="Replies (one per line, used in turn)" htmlFor={`trigger-templates-${i}`}>
            <textarea id={`trigger-templates-${i}`} rows={3} required value={t.templates} onChange={(e) => update(i, { templates: e.target.value })} />
          </Field>
          {triggers.length > 1 && (
            <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setTriggers((list) => list.filter((_, j) => j !== i))}>
              Remove trigger
            </button>
          )}
        </fieldset>
      ))}
      {variables.length > 0 && (
        <p className="small muted">
          Variables: {variables.map((v) => (
            <span key={v.name} title={v.meaning} className="chip">
              {`{${v.name}}`}
            </span>
          ))}
        </p>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={triggers.length >= 20}
          onClick={() => setTriggers((list) => [...list, { kind: 'keyword', pattern: '', minAmount: '', cooldownSeconds: '0', templates: '' }])}
        >
          Add trigger
        </button>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {persona ? 'Save persona' : 'Create persona'}
        </button>
      </div>
      <ErrorBanner message={action.error} />
    </form>
  );
}

interface TtsSettings {
  enabled: boolean;
  minAmountCents: number;
  voice: string;
  rate: number;
  maxCharacters: number;
  template: string;
  filters: { profanity: boolean; links: boolean; emails: boolean; phoneNumbers: boolean; repeatedCharacters: boolean };
  blockedWords: string[];
}

interface Voice {
  id: string;
  name: string;
  engine: string;
  language: string;
}

const FILTERS: { key: keyof TtsSettings['filters']; label: string }[] = [
  { key: 'profanity', label: 'Profanity' },
  { key: 'links', label: 'Links' },
  { key: 'emails', label: 'E-mail addresses' },
  { key: 'phoneNumbers', label: 'Phone numbers' },
  { key: 'repeatedCharacters', label: 'Repeated characters (aaaaaa)' },
];

function TtsCard() {
  const unit = useUnit();
  const settings = useResource(() => api.get<TtsSettings>('/api/tts/settings'), []);
  const voices = useResource(() => api.get<Voice[]>('/api/tts/voices'), []);
  const [draft, setDraft] = useState<TtsSettings | null>(null);
  const [minAmount, setMinAmount] = useState('');
  const [blocked, setBlocked] = useState('');
  const [previewText, setPreviewText] = useState('Thanks for the tip, you are amazing!');
  const action = useAction();
  const preview = useAction();
  const [saved, setSaved] = useState(false);
  const audio = useRef<HTMLAudioElement>(null);
  const audioUrl = useRef<string | null>(null);

  useEffect(() => {
    if (settings.data) {
      setDraft(settings.data);
      setMinAmount(settings.data.minAmountCents <= 1 ? '' : amountInput(settings.data.minAmountCents, unit));
      setBlocked(settings.data.blockedWords.join(', '));
    }
  }, [settings.data]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => () => {
    if (audioUrl.current) URL.revokeObjectURL(audioUrl.current);
  }, []);

  const notAvailable = settings.error && /not found/i.test(settings.error);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    // Empty or 0 means every tip: the smallest amount there is.
    const cents = minAmount.trim() === '' || Number(minAmount) === 0 ? 1 : parseAmount(minAmount, unit);
    if (cents === null) {
      action.setError('Enter a minimum amount of 0 or more.');
      return;
    }
    const body: TtsSettings = {
      ...draft,
      minAmountCents: cents,
      blockedWords: blocked.split(',').map((w) => w.trim()).filter(Boolean),
    };
    const next = await action.run(() => api.put<TtsSettings>('/api/tts/settings', body));
    if (next) {
      settings.setData(next);
      setSaved(true);
    }
  }

  async function play() {
    if (!draft) return;
    await preview.run(async () => {
      const response = await api.raw('POST', '/api/tts/preview', { body: { text: previewText, voice: draft.voice, rate: draft.rate } });
      const blob = await response.blob();
      if (audioUrl.current) URL.revokeObjectURL(audioUrl.current);
      audioUrl.current = URL.createObjectURL(blob);
      if (audio.current) {
        audio.current.src = audioUrl.current;
        await audio.current.play();
      }
    });
  }

  return (
    <Card title="Text to speech" labelId="tts-settings-title">
      {settings.loading && !settings.data && <Spinner />}
      {notAvailable ? (
        <Notice tone="info">Text to speech is not available on this server yet.</Notice>
      ) : (
        <ErrorBanner message={settings.error} onRetry={settings.reload} />
      )}
      {draft && (
        <form className="form" onSubmit={save}>
          <label className="check">
            <input type="checkbox" checked={draft.enabled} onChange={() => setDraft({ ...draft, enabled: !draft.enabled })} />
            Read tip messages aloud
          </label>
          <div className="form-grid">
            <Field label="Voice" htmlFor="tts-voice">
              <select id="tts-voice" value={draft.voice} onChange={(e) => setDraft({ ...draft, voice: e.target.value })}>
                {(voices.data ?? []).map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name} ({v.language}, {v.engine})
                  </option>
                ))}
                {!voices.data?.some((v) => v.id === draft.voice) && <option value={draft.voice}>{draft.voice}</option>}
              </select>
            </Field>
            <Field label={`Speed: ${draft.rate.toFixed(2)}×`} htmlFor="tts-rate">
              <input id="tts-rate" type="range" min={0.5} max={2} step={0.05} value={draft.rate} onChange={(e) => setDraft({ ...draft, rate: Number(e.target.value) })} />
            </Field>
            <Field label={`Minimum tip (${unitLabel(unit)})`} htmlFor="tts-min" hint="Empty: every tip">
              <input id="tts-min" inputMode="decimal" value={minAmount} onChange={(e) => setMinAmount(e.target.value)} />
            </Field>
            <Field label="Longest message (characters)" htmlFor="tts-max">
              <input id="tts-max" type="number" min={20} max={500} value={draft.maxCharacters} onChange={(e) => setDraft({ ...draft, maxCharacters: Number(e.target.value) })} />
            </Field>
          </div>
          <Field label="What is read" htmlFor="tts-template" hint="{tipper}, {amount} and {message} are replaced.">
            <input id="tts-template" maxLength={200} value={draft.template} onChange={(e) => setDraft({ ...draft, template: e.target.value })} />
          </Field>
          <fieldset className="fieldset">
            <legend>Leave out</legend>
            <div className="checks">
              {FILTERS.map((f) => (
                <label key={f.key} className="check">
                  <input
                    type="checkbox"
                    checked={draft.filters[f.key]}
                    onChange={() => setDraft({ ...draft, filters: { ...draft.filters, [f.key]: !draft.filters[f.key] } })}
                  />
                  {f.label}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="Blocked words (comma separated)" htmlFor="tts-blocked">
            <input id="tts-blocked" value={blocked} onChange={(e) => setBlocked(e.target.value)} />
          </Field>
          <div className="form-buttons">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Save
            </button>
          </div>
          {saved && <Notice tone="success">Saved.</Notice>}
          <ErrorBanner message={action.error} />
          <h3 className="subheading">Preview</h3>
          <div className="form form-inline compact">
            <Field label="Text" htmlFor="tts-preview-text">
              <input id="tts-preview-text" maxLength={300} value={previewText} onChange={(e) => setPreviewText(e.target.value)} />
            </Field>
            <button type="button" className="btn btn-secondary" disabled={preview.busy || !previewText.trim()} onClick={play}>
              {preview.busy ? 'Synthesising…' : '▶ Play'}
            </button>
          </div>
          <audio ref={audio} controls className="audio" data-testid="tts-preview-audio" />
          <ErrorBanner message={preview.error} />
        </form>
      )}
    </Card>
  );
}

export type { ApiError };
