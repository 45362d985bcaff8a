import { ReactNode, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { useUnitChoice } from '../lib/unit';
import { UNIT_CHOICES, UnitChoice } from '../lib/format';

const NAV = [
  { to: '/live', label: 'Live', icon: '●' },
  { to: '/go-live', label: 'Go Live with Camera', icon: '◉' },
  { to: '/menu', label: 'Tip menu', icon: '☰' },
  { to: '/chatbot', label: 'Chatbot & TTS', icon: '✦' },
  { to: '/obs', label: 'OBS', icon: '▣' },
  { to: '/analytics', label: 'Analytics', icon: '▲' },
  { to: '/connectors', label: 'Connectors', icon: '⇄' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { creator, signOut } = useAuth();
  const { choice, setChoice } = useUnitChoice();
  const [open, setOpen] = useState(false);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className={`sidebar ${open ? 'sidebar-open' : ''}`}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Streaming Companion</span>
          <button
            type="button"
            className="btn btn-ghost menu-toggle"
            aria-expanded={open}
            aria-controls="primary-nav"
            onClick={() => setOpen(!open)}
          >
            Menu
          </button>
        </div>
        <nav id="primary-nav" aria-label="Dashboard">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} onClick={() => setOpen(false)} className={({ isActive }) => (isActive ? 'active' : '')}>
                  <span className="nav-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <label htmlFor="unit-choice">Amounts in</label>
          <select id="unit-choice" value={choice} onChange={(e) => setChoice(e.target.value as UnitChoice)}>
            {UNIT_CHOICES.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
          <div className="whoami">
            <span className="avatar" aria-hidden="true">
              {(creator?.name ?? '?').slice(0, 1).toUpperCase()}
            </span>
            <span className="whoami-name" data-testid="creator-name">
              {creator?.name}
            </span>
            <button type="button" className="btn btn-ghost btn-small" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </aside>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
