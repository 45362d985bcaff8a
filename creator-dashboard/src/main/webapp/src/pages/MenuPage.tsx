import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useAction, useResource } from '../lib/hooks';
import { useUnit } from '../lib/unit';
import { Channel, MENU_CATEGORIES, MenuCategory, MenuItem } from '../lib/types';
import { amountInput, formatAmount, parseAmount, Unit, unitLabel } from '../lib/format';
import { PageHeader } from '../components/Layout';
import { Card, CopyButton, Empty, ErrorBanner, Field, Spinner } from '../components/ui';

export function MenuPage() {
  const { creator } = useAuth();
  const unit = useUnit();
  const items = useResource(() => api.get<MenuItem[]>('/api/menu'), []);
  const channel = useResource(() => api.get<Channel>('/api/stream'), []);
  const [filter, setFilter] = useState<MenuCategory | 'all'>('all');
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();

  const publicName = channel.data?.username || creator?.sub || '';
  const publicUrl = `${location.origin}/watch/${encodeURIComponent(publicName)}`;
  const shown = [...(items.data ?? [])]
    .filter((item) => filter === 'all' || item.category === filter)
    .sort((a, b) => a.position - b.position || a.priceCents - b.priceCents);

  return (
    <>
      <PageHeader title="Tip menu" subtitle="What viewers can tip for. A tip of an item's exact price names the item in alerts." />
      <Card title="Public menu" labelId="public-menu-title">
        <p className="muted small">Viewers see the active items on your page:</p>
        <div className="copy-row">
          <Link to={`/watch/${encodeURIComponent(publicName)}`} className="mono" data-testid="public-menu-link">
            {publicUrl}
          </Link>
          <CopyButton text={publicUrl} />
        </div>
      </Card>
      <Card
        title="Items"
        labelId="menu-items-title"
        actions={
          <div className="segmented" role="group" aria-label="Filter by category">
            {(['all', ...MENU_CATEGORIES] as const).map((c) => (
              <button key={c} type="button" aria-pressed={filter === c} className={filter === c ? 'active' : ''} onClick={() => setFilter(c)}>
                {c}
              </button>
            ))}
          </div>
        }
      >
        {items.loading && items.data === undefined && <Spinner label="Loading your menu…" />}
        <ErrorBanner message={items.error} onRetry={items.reload} />
        {items.data && shown.length === 0 && (
          <Empty title={filter === 'all' ? 'Your menu is empty' : `No ${filter} items`}>Add your first item below.</Empty>
        )}
        {shown.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="menu-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col">Active</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((item) =>
                  editing === item.id ? (
                    <tr key={item.id}>
                      <td colSpan={5}>
                        <MenuItemForm
                          unit={unit}
                          item={item}
                          onSaved={async () => {
                            setEditing(null);
                            await items.reload();
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={item.id} className={item.active ? '' : 'inactive'}>
                      <td>
                        <div className="item-title">{item.title}</div>
                        {item.description && <div className="small muted">{item.description}</div>}
                      </td>
                      <td>
                        <span className={`badge badge-${item.category}`}>{item.category}</span>
                      </td>
                      <td className="num">{formatAmount(item.priceCents, unit)}</td>
                      <td>
                        <label className="switch">
                          <input
                            type="checkbox"
                            checked={item.active}
                            aria-label={`${item.title} active`}
                            onChange={async () => {
                              await action.run(() => api.post(`/api/menu/${item.id}/toggle`));
                              await items.reload();
                            }}
                          />
                          <span>{item.active ? 'On' : 'Off'}</span>
                        </label>
                      </td>
                      <td className="row-actions">
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(item.id)} aria-label={`Edit ${item.title}`}>
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small btn-danger-text"
                          aria-label={`Delete ${item.title}`}
                          onClick={async () => {
                            if (!window.confirm(`Delete “${item.title}”?`)) return;
                            await action.run(() => api.del(`/api/menu/${item.id}`));
                            await items.reload();
                          }}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
        <ErrorBanner message={action.error} />
      </Card>
      <Card title="Add an item" labelId="add-item-title">
        <MenuItemForm unit={unit} nextPosition={(items.data ?? []).length} onSaved={items.reload} />
      </Card>
    </>
  );
}

function MenuItemForm({ unit, item, nextPosition = 0, onSaved, onCancel }: {
  unit: Unit;
  item?: MenuItem;
  nextPosition?: number;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const prefix = item ? `edit-${item.id}` : 'new-item';
  const [title, setTitle] = useState(item?.title ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [price, setPrice] = useState(item ? amountInput(item.priceCents, unit) : '');
  const [category, setCategory] = useState<MenuCategory>(item?.category ?? 'request');
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(price, unit);
    if (cents === null) {
      action.setError(`Enter a price greater than 0 ${unitLabel(unit)}.`);
      return;
    }
    const body = { title: title.trim(), description: description.trim(), priceCents: cents, category };
    const saved = await action.run(() =>
      item ? api.patch(`/api/menu/${item.id}`, body) : api.post('/api/menu', { ...body, active: true, position: nextPosition }),
    );
    if (saved !== undefined) {
      if (!item) {
        setTitle('');
        setDescription('');
        setPrice('');
      }
      onSaved();
    }
  }

  return (
    <form className="form form-grid" onSubmit={submit} aria-label={item ? `Edit ${item.title}` : 'New menu item'}>
      <Field label="Title" htmlFor={`${prefix}-title`}>
        <input id={`${prefix}-title`} required maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label={`Price (${unitLabel(unit)})`} htmlFor={`${prefix}-price`}>
        <input id={`${prefix}-price`} required inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
      </Field>
      <Field label="Category" htmlFor={`${prefix}-category`}>
        <select id={`${prefix}-category`} value={category} onChange={(e) => setCategory(e.target.value as MenuCategory)}>
          {MENU_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description" htmlFor={`${prefix}-description`}>
        <input id={`${prefix}-description`} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="form-buttons">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {item ? 'Save' : 'Add item'}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorBanner message={action.error} />
    </form>
  );
}
