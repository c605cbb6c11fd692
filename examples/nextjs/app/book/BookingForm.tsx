'use client';
// The booking form: `fleetgate-wasm/booking` (booking, pricing, availability, units; the small build) validates
// every change with the rules the /api/booking proxy applies again, and prices the dates before anything is posted.
import { useEffect, useMemo, useState } from 'react';
import init, { booking, pricing } from 'fleetgate-wasm/booking';
import { fleet, now, rateCard, rules, sampleRequest } from '@/lib/rental';

type Problem = { loc: (string | number)[]; code: string; message: string };
type Quote = { total: string; currency: string };
const FIELDS = ['vehicle_id', 'customer_name', 'customer_email', 'customer_phone', 'date_from', 'date_to'] as const;

/** Validates `form` in the browser: the cleaned booking and its price, or every problem. */
function check(form: Record<string, string>): { problems: Problem[]; quote: Quote | null } {
  try {
    const cleaned = booking.validate(form, { rules, now });
    const card = new pricing.RateCard(rateCard.rules, { currency: rateCard.currency, listPrice: rateCard.list_price });
    const quote = card.quote(cleaned.start as string, cleaned.end as string, { mode: 'odoo', tz: rules.time_zone }) as Quote;
    card.free();
    return { problems: [], quote };
  } catch (error) {
    const { code, errors, message } = error as { code?: string; errors?: Problem[]; message?: string };
    if (code === 'validation_failed' && errors) return { problems: errors, quote: null };
    return { problems: [{ loc: [], code: code ?? 'internal_error', message: message ?? String(error) }], quote: null };
  }
}

export function BookingForm() {
  const [ready, setReady] = useState(false);
  const [form, setForm] = useState<Record<string, string>>({ ...sampleRequest, customer_email: '' });
  const [server, setServer] = useState<string>('');
  useEffect(() => {
    init().then(() => setReady(true), (error: unknown) => setServer(`fleetgate-wasm failed to load: ${String(error)}`));
  }, []);
  const result = useMemo(() => (ready ? check(form) : null), [ready, form]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const response = await fetch('/api/booking', { method: 'POST', body: JSON.stringify(form) });
    const answer = (await response.json()) as { quote?: Quote; errors?: Problem[] };
    setServer(`${response.status} ${answer.quote ? `${answer.quote.total} ${answer.quote.currency}` : JSON.stringify(answer.errors)}`);
  }

  return (
    <form onSubmit={submit}>
      <p id="status">{ready ? 'ready' : 'loading fleetgate-wasm'}</p>
      {FIELDS.map((name) => (
        <label key={name} style={{ display: 'block', margin: '0.3rem 0' }}>
          {name}{' '}
          {name === 'vehicle_id' ? (
            <select name={name} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })}>
              {fleet.map((v) => <option key={v.id} value={String(v.id)}>{v.name}</option>)}
            </select>
          ) : (
            <input name={name} value={form[name] ?? ''} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
          )}
        </label>
      ))}
      <ul id="problems">
        {result?.problems.map((p) => <li key={p.loc.join('.') + p.code} data-code={p.code}>{p.loc.join('.')}: {p.message}</li>)}
      </ul>
      <p id="quote">{result?.quote ? `${result.quote.total} ${result.quote.currency}` : ''}</p>
      <button type="submit" disabled={!result?.quote}>Book</button>
      <p id="server">{server}</p>
    </form>
  );
}
