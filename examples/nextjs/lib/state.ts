// The app's in-memory state, shared by every Node-runtime route of one `next start` process (kept on globalThis so
// each route bundle sees the same objects). A real app keeps readings and entries in its database.
import { odometer, ratelimit } from 'fleetgate';

/** What the Smartcar routes store per vehicle, and the booking proxy's limiter and the live-event subscribers. */
export interface AppState {
  /** Accepted readings per Smartcar vehicle id (the history `odometer.check` judges against). */
  history: Map<string, odometer.ReadingInput[]>;
  /** The `meter_entries` rows written so far. */
  entries: odometer.MeterEntry[];
  /** Booking submissions: 10 per hour per client. */
  limiter: ratelimit.Limiter;
  /** Writers of the open `/api/events` streams. */
  streams: Set<(frame: string) => void>;
}

const key = Symbol.for('fleetgate.nextjs-example.state');
const holder = globalThis as typeof globalThis & { [key]?: AppState };

/** The process-wide state, created on first use. */
export function state(): AppState {
  holder[key] ??= {
    history: new Map(),
    entries: [],
    limiter: new ratelimit.Limiter({ limit: 10, period: 3600 }),
    streams: new Set(),
  };
  return holder[key];
}

/** Sends one server-sent-events frame to every open `/api/events` stream. */
export function broadcast(frame: string): number {
  const { streams } = state();
  for (const write of streams) write(frame);
  return streams.size;
}
