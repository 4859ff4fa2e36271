import type { LogEntry } from '../entry';
import type { Identity } from '../../model/participant';
import type { AttendeeMatch, Risk } from '../../model/risk';
import type { Redactor } from './redact';

/** The redacted `{kind, data}` of an entry; kinds this build does not know get their strings searched. */
export function redactBody(r: Redactor, entry: LogEntry): { kind: string; data: unknown } {
  switch (entry.kind) {
    case 'session.started':
      return { kind: entry.kind, data: { ...entry.data, title: r.text(entry.data.title), options: deepText(r, entry.data.options) } };
    case 'session.ended':
      return { kind: entry.kind, data: { reason: r.text(entry.data.reason) } };
    case 'participant.joined':
      return { kind: entry.kind, data: { participant: r.participant(entry.data.participant) } };
    case 'participant.left':
    case 'participant.flagged':
    case 'participant.updated': {
      const d = entry.data;
      const data: Record<string, unknown> = {
        ...d,
        participantId: r.participantId(d.participantId),
        displayName: r.participantName(d.participantId, d.displayName),
      };
      if (entry.kind === 'participant.flagged') {
        data['flags'] = r.risk({ score: 0, level: 'flagged', flags: entry.data.flags }).flags;
        data['match'] = r.match(entry.data.match);
      }
      if (entry.kind === 'participant.updated') data['changes'] = redactChanges(r, entry.data.participantId, entry.data.changes);
      return { kind: entry.kind, data };
    }
    case 'join.blocked': {
      const a = entry.data.attempt;
      const attempt = {
        ...a,
        id: `attempt-${r.people.attempts.get(a.id) ?? 0}`,
        displayName: r.attemptName(a),
        identity: r.identity(a.identity),
      };
      return { kind: entry.kind, data: { attempt } };
    }
    case 'action.requested': {
      const d = entry.data;
      const action = d.action;
      const target =
        d.target === undefined
          ? undefined
          : 'participantId' in action
            ? r.participantName(action.participantId, d.target)
            : r.name(d.target);
      return { kind: entry.kind, data: { ...d, action: r.action(action), ...(target === undefined ? {} : { target }) } };
    }
    case 'action.attempt':
      return {
        kind: entry.kind,
        data: entry.data.previousError === undefined ? entry.data : { ...entry.data, previousError: r.text(entry.data.previousError) },
      };
    case 'action.confirmed':
    case 'action.failed':
      return { kind: entry.kind, data: { outcome: r.outcome(entry.data.outcome) } };
    case 'plan.started':
      return {
        kind: entry.kind,
        data: {
          ...entry.data,
          name: r.text(entry.data.name),
          steps: entry.data.steps.map((s) => (s.reason === undefined ? s : { ...s, reason: r.text(s.reason) })),
        },
      };
    case 'note':
      return { kind: entry.kind, data: { text: r.text(entry.data.text) } };
    case 'moderator.changed': {
      const previous = entry.data.previous;
      return { kind: entry.kind, data: { previous: { moderator: r.moderator(previous.moderator), machine: r.machine(previous.machine) } } };
    }
    case 'evidence.marked':
    case 'log.recovered':
      return {
        kind: entry.kind,
        data: { ...entry.data, ...texts(r, entry.data as { note?: string; reason?: string }, ['note', 'reason']) },
      };
    case 'error':
      return { kind: entry.kind, data: { ...entry.data, ...texts(r, entry.data, ['message', 'context']) } };
    case 'input.rejected':
      return { kind: entry.kind, data: { ...entry.data, ...texts(r, entry.data, ['issues']) } };
    case 'platform.link':
      return { kind: entry.kind, data: { ...entry.data, ...texts(r, entry.data, ['detail']) } };
    case 'plan.finished':
    case 'script.started':
      return { kind: entry.kind, data: { ...entry.data, ...texts(r, entry.data, ['name']) } };
    case 'script.step':
      return { kind: entry.kind, data: { ...entry.data, ...texts(r, entry.data, ['reason']) } };
    case 'meeting.started':
    case 'meeting.locked':
    case 'meeting.unlocked':
    case 'meeting.ended':
    case 'meeting.controls':
    case 'attendees.loaded':
    case 'controls.captured':
    case 'script.finished':
    case 'incident.contained':
      return { kind: entry.kind, data: entry.data };
    default: {
      const unknown = entry as { kind: string; data?: unknown };
      return { kind: unknown.kind, data: deepText(r, unknown.data) };
    }
  }
}

function redactChanges(r: Redactor, participantId: string, changes: Record<string, { from: unknown; to: unknown }>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const name = r.participantName(participantId, '');
  for (const [key, change] of Object.entries(changes)) {
    const each = (value: unknown): unknown => {
      if (key === 'displayName') return name;
      if (key === 'renamedFrom' && Array.isArray(value)) return value.map(() => name);
      if (key === 'identity' && typeof value === 'object' && value !== null) return r.identity(value as Identity);
      if (key === 'match' && typeof value === 'object' && value !== null) return r.match(value as AttendeeMatch);
      if (key === 'risk' && typeof value === 'object' && value !== null) return r.risk(value as Risk);
      // The other fields (role, presence, audio, alerts …) are enumerations or flags: searching them
      // for names could turn a role into "Participant 3" if someone called themselves "host".
      return value;
    };
    out[key] = { from: each(change.from), to: each(change.to) };
  }
  return out;
}

/** The named free-text fields of an object, searched for names. */
function texts<T extends object>(r: Redactor, data: T, keys: readonly (keyof T & string)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string') out[key] = r.text(value) as T[typeof key];
  }
  return out;
}

/** Searches every string inside a value (for free-form data such as provider options). */
function deepText(r: Redactor, value: unknown): unknown {
  if (typeof value === 'string') return r.text(value);
  if (Array.isArray(value)) return value.map((v) => deepText(r, v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'kind' ? v : deepText(r, v)]));
  }
  return value;
}
