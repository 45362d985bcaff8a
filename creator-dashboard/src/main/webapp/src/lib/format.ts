import { Platform } from './types';

// Amounts are integer cents everywhere in the suite; creators think in their platform's unit: tokens on
// cam platforms, a currency elsewhere. The choice is per browser (localStorage), "auto" by platform.

export type UnitChoice = 'auto' | 'tokens' | 'USD' | 'EUR' | 'GBP';
export const UNIT_CHOICES: { value: UnitChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (tokens on cam platforms)' },
  { value: 'tokens', label: 'Tokens' },
  { value: 'USD', label: 'US dollars' },
  { value: 'EUR', label: 'Euros' },
  { value: 'GBP', label: 'Pounds' },
];

/**
 * Amounts are hundredths of the creator's unit: a tip of 10 tokens is recorded as 1000, as the Chaturbate
 * connector records it (and as the chatbot and text-to-speech read it out: "10"), so token counts stay exact
 * whatever a platform pays out per token.
 */
export const CENTS_PER_TOKEN = 100;

export interface Unit {
  kind: 'tokens' | 'currency';
  currency: string;
}

export function resolveUnit(choice: UnitChoice, platform?: Platform | null): Unit {
  if (choice === 'tokens') return { kind: 'tokens', currency: 'USD' };
  if (choice === 'auto') {
    return platform === 'chaturbate' || platform === 'stripchat'
      ? { kind: 'tokens', currency: 'USD' }
      : { kind: 'currency', currency: 'USD' };
  }
  return { kind: 'currency', currency: choice };
}

export function formatAmount(cents: number, unit: Unit): string {
  if (unit.kind === 'tokens') {
    const tokens = cents / CENTS_PER_TOKEN;
    const text = Number.isInteger(tokens) ? tokens.toLocaleString() : tokens.toLocaleString(undefined, { maximumFractionDigits: 1 });
    return `${text} tk`;
  }
  return (cents / 100).toLocaleString(undefined, { style: 'currency', currency: unit.currency });
}

/** What the creator typed, in their unit, as cents; null when it is not a positive amount. */
export function parseAmount(text: string, unit: Unit): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0) return null;
  const cents = unit.kind === 'tokens' ? value * CENTS_PER_TOKEN : value * 100;
  return Math.round(cents);
}

/** The amount in the unit, for an edit field. */
export function amountInput(cents: number, unit: Unit): string {
  const value = unit.kind === 'tokens' ? cents / CENTS_PER_TOKEN : cents / 100;
  return unit.kind === 'tokens' ? String(value) : value.toFixed(2);
}

export function unitLabel(unit: Unit): string {
  return unit.kind === 'tokens' ? 'tokens' : unit.currency;
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function platformLabel(platform: string): string {
  return { chaturbate: 'Chaturbate', stripchat: 'Stripchat', other: 'Other', livekit: 'Camera (LiveKit)' }[platform] ?? platform;
}
