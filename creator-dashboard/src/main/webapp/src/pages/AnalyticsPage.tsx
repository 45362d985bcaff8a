import { useState } from 'react';
import { api, errorMessage } from '../lib/api';
import { useAction, useResource } from '../lib/hooks';
import { useUnit } from '../lib/unit';
import { SessionPage } from '../lib/types';
import { formatAmount, formatDateTime, formatDuration, platformLabel, Unit } from '../lib/format';
import { PageHeader } from '../components/Layout';
import { Card, Empty, ErrorBanner, Spinner } from '../components/ui';

interface Day {
  date: string;
  grossTipsCents: number;
  tipCount: number;
  sessions: number;
}

interface Figures {
  from: string;
  to: string;
  grossTipsCents: number;
  tipCount: number;
  averageTipCents: number | null;
  medianTipCents: number | null;
  uniqueTippers: number;
  sessions: number;
  hoursStreamed: number;
  tipsPerHourStreamed: number | null;
  peakViewers: number;
  averageViewers: number | null;
  days: Day[];
}

interface Summary {
  timeZone: string;
  current: Figures;
  previous: Figures;
}

interface TopTipper {
  tipperName: string;
  totalCents: number;
  tipCount: number;
  lastTipAt: string;
}

interface SessionReport {
  sessionId: string;
  platform: string;
  title: string | null;
  status: string;
  startedAt: string;
  durationSeconds: number | null;
  grossTipsCents: number;
  tipCount: number;
  averageTipsPerMinute: number | null;
  peakViewers: number;
  averageViewers: number | null;
  tipsPerMinute: { minute: string; tipCount: number; grossTipsCents: number }[];
  topTippers: TopTipper[];
  goalsCompleted: { goalId: string; title: string; targetCents: number; completedAt: string }[];
  menuItems: { itemId: string; title: string; count: number; totalCents: number }[];
}

const RANGES = [7, 30, 90, 365];

function isoDay(date: Date): string {
  return date.toLocaleDateString('en-CA');
}

export function AnalyticsPage() {
  const unit = useUnit();
  const [days, setDays] = useState(30);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const to = isoDay(new Date());
  const from = isoDay(new Date(Date.now() - (days - 1) * 86_400_000));
  const query = `from=${from}&to=${to}&tz=${encodeURIComponent(tz)}`;
  const summary = useResource(() => api.get<Summary>(`/api/analytics/summary?${query}`), [query]);
  const top = useResource(() => api.get<TopTipper[]>(`/api/analytics/top-tippers?${query}&limit=10`), [query]);
  const download = useAction();

  async function exportCsv(type: 'tips' | 'sessions') {
    await download.run(async () => {
      const response = await api.raw('GET', `/api/analytics/export?${query}&type=${type}`);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `analytics-${type}-${from}-to-${to}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  }

  const c = summary.data?.current;
  const p = summary.data?.previous;
  return (
    <>
      <PageHeader
        title="Analytics"
        subtitle={`Your tips and streams, ${from} to ${to} (${tz}). Test tips are not counted.`}
        actions={
          <div className="segmented" role="group" aria-label="Range">
            {RANGES.map((r) => (
              <button key={r} type="button" aria-pressed={days === r} className={days === r ? 'active' : ''} onClick={() => setDays(r)}>
                {r === 365 ? '1 year' : `${r} days`}
              </button>
            ))}
          </div>
        }
      />
      {summary.loading && !summary.data && <Spinner label="Crunching numbers…" />}
      <ErrorBanner message={summary.error} onRetry={summary.reload} />
      {c && p && (
        <div className="kpis" data-testid="analytics-summary">
          <Kpi label="Tips" value={formatAmount(c.grossTipsCents, unit)} now={c.grossTipsCents} before={p.grossTipsCents} />
          <Kpi label="Number of tips" value={c.tipCount.toLocaleString()} now={c.tipCount} before={p.tipCount} />
          <Kpi label="Average tip" value={c.averageTipCents == null ? '—' : formatAmount(c.averageTipCents, unit)} now={c.averageTipCents ?? 0} before={p.averageTipCents ?? 0} />
          <Kpi label="Tippers" value={c.uniqueTippers.toLocaleString()} now={c.uniqueTippers} before={p.uniqueTippers} />
          <Kpi label="Sessions" value={c.sessions.toLocaleString()} now={c.sessions} before={p.sessions} />
          <Kpi label="Hours streamed" value={Number(c.hoursStreamed).toLocaleString()} now={Number(c.hoursStreamed)} before={Number(p.hoursStreamed)} />
        </div>
      )}
      <div className="two-columns wide-left">
        <Card title="Tips per day" labelId="per-day-title">
          {c && (c.days.length === 0 || c.grossTipsCents === 0) ? (
            <Empty title="No tips in this range">Tips of your sessions appear here the day they are received.</Empty>
          ) : (
            c && <DayChart days={c.days} unit={unit} />
          )}
        </Card>
        <Card title="Top tippers" labelId="top-title">
          {top.loading && !top.data && <Spinner />}
          <ErrorBanner message={top.error} onRetry={top.reload} />
          {top.data && top.data.length === 0 && <Empty title="No named tippers yet" />}
          <ol className="leaderboard">
            {(top.data ?? []).map((t, i) => (
              <li key={t.tipperName}>
                <span className="rank">{i + 1}</span>
                <span className="who">{t.tipperName}</span>
                <span className="small muted">{t.tipCount === 1 ? '1 tip' : `${t.tipCount} tips`}</span>
                <strong>{formatAmount(t.totalCents, unit)}</strong>
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <Card
        title="Export"
        labelId="export-title"
        actions={
          <div className="button-row">
            <button type="button" className="btn btn-secondary btn-small" disabled={download.busy} onClick={() => exportCsv('tips')}>
              Tips (CSV)
            </button>
            <button type="button" className="btn btn-secondary btn-small" disabled={download.busy} onClick={() => exportCsv('sessions')}>
              Sessions (CSV)
            </button>
          </div>
        }
      >
        <p className="muted small">Spreadsheet-safe CSV of the selected range.</p>
        <ErrorBanner message={download.error} />
      </Card>
      <SessionReports unit={unit} />
    </>
  );
}

function Kpi({ label, value, now, before }: { label: string; value: string; now: number; before: number }) {
  const change = before === 0 ? (now === 0 ? 0 : null) : ((now - before) / before) * 100;
  const tone = change === null || change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return (
    <div className="kpi">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      <div className={`change change-${tone}`}>
        {change === null ? 'new' : `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${Math.abs(change).toFixed(0)}%`}
        <span className="muted"> vs previous period</span>
      </div>
    </div>
  );
}

function DayChart({ days, unit }: { days: Day[]; unit: Unit }) {
  const max = Math.max(1, ...days.map((d) => d.grossTipsCents));
  const width = 720;
  const height = 220;
  const gap = 2;
  const bar = Math.max(2, width / days.length - gap);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label="Tips per day">
        {days.map((d, i) => {
          const h = (d.grossTipsCents / max) * height;
          return (
            <g key={d.date}>
              <rect x={i * (bar + gap)} y={height - h} width={bar} height={Math.max(h, d.grossTipsCents > 0 ? 2 : 0)} rx={2} className="bar">
                <title>{`${d.date}: ${formatAmount(d.grossTipsCents, unit)}, ${d.tipCount} tips`}</title>
              </rect>
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="axis" />
        <text x={0} y={height + 18} className="axis-label">
          {days[0]?.date}
        </text>
        <text x={width} y={height + 18} className="axis-label" textAnchor="end">
          {days[days.length - 1]?.date}
        </text>
      </svg>
      <figcaption className="small muted">Best day: {formatAmount(max === 1 ? 0 : max, unit)}</figcaption>
    </figure>
  );
}

function SessionReports({ unit }: { unit: Unit }) {
  const sessions = useResource(() => api.get<SessionPage>('/api/sessions?page=0&size=20'), []);
  const [selected, setSelected] = useState<string | null>(null);
  const report = useResource(
    () => (selected ? api.get<SessionReport>(`/api/analytics/sessions/${selected}`) : Promise.resolve(null)),
    [selected],
  );
  return (
    <div className="two-columns">
      <Card title="Sessions" labelId="sessions-title">
        {sessions.loading && !sessions.data && <Spinner />}
        <ErrorBanner message={sessions.error} onRetry={sessions.reload} />
        {sessions.data && sessions.data.items.length === 0 && <Empty title="No sessions yet" />}
        <ul className="session-list">
          {(sessions.data?.items ?? []).map((s) => (
            <li key={s.id}>
              <button type="button" className={`session-row ${selected === s.id ? 'active' : ''}`} aria-pressed={selected === s.id} onClick={() => setSelected(s.id)}>
                <span>
                  <strong>{s.title || 'Untitled session'}</strong>
                  <span className="small muted"> · {platformLabel(s.platform)} · {formatDateTime(s.startedAt)}</span>
                </span>
                <span>{formatAmount(s.totalTipsCents, unit)}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Session report" labelId="report-title">
        {!selected && <p className="muted">Pick a session to see its report.</p>}
        {selected && report.loading && <Spinner />}
        {selected && report.error && (
          <ErrorBanner
            message={/not found/i.test(report.error) ? 'No figures for this session yet: they appear once its events are processed.' : report.error}
            onRetry={report.reload}
          />
        )}
        {report.data && !report.loading && (
          <div data-testid="session-report">
            <div className="kpis compact">
              <div className="kpi">
                <div className="stat-label">Tips</div>
                <div className="stat-value">{formatAmount(report.data.grossTipsCents, unit)}</div>
              </div>
              <div className="kpi">
                <div className="stat-label">Count</div>
                <div className="stat-value">{report.data.tipCount}</div>
              </div>
              <div className="kpi">
                <div className="stat-label">Duration</div>
                <div className="stat-value">{report.data.durationSeconds == null ? 'live' : formatDuration(report.data.durationSeconds)}</div>
              </div>
              <div className="kpi">
                <div className="stat-label">Peak viewers</div>
                <div className="stat-value">{report.data.peakViewers}</div>
              </div>
            </div>
            {report.data.goalsCompleted.length > 0 && (
              <>
                <h3 className="subheading">Goals reached</h3>
                <ul className="plain">
                  {report.data.goalsCompleted.map((g) => (
                    <li key={g.goalId}>
                      {g.title} · {formatAmount(g.targetCents, unit)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {report.data.menuItems.length > 0 && (
              <>
                <h3 className="subheading">Menu items bought</h3>
                <ul className="plain">
                  {report.data.menuItems.map((m) => (
                    <li key={m.itemId}>
                      {m.title} × {m.count} · {formatAmount(m.totalCents, unit)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {report.data.topTippers.length > 0 && (
              <>
                <h3 className="subheading">Top tippers</h3>
                <ul className="plain">
                  {report.data.topTippers.map((t) => (
                    <li key={t.tipperName}>
                      {t.tipperName} · {formatAmount(t.totalCents, unit)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}

export { errorMessage };
