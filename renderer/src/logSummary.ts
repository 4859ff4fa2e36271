import type { TFunction } from 'i18next';
import type { LogEntry } from '../../shared/incident/entry';
import { ACTION_KINDS, PARTICIPANT_ACTION_KINDS } from '../../shared/model/action';

/** What a log line shows: who it is about (rendered as an inert name) and what happened. */
export interface LogSummary {
  name?: string;
  detail: string;
}

function describeChange(key: string, to: unknown): string {
  if (typeof to === 'boolean') return `${key} ${to ? 'on' : 'off'}`;
  if (Array.isArray(to)) return `${key}: ${to.join(', ') || '–'}`;
  return `${key} → ${String(to)}`;
}

/** An action's name in the moderator's language ("Eject", "Lock meeting"); the raw kind if unknown. */
function actionName(kind: string, t: TFunction): string {
  if ((PARTICIPANT_ACTION_KINDS as readonly string[]).includes(kind)) return t(`participantAction.${kind}`);
  if ((ACTION_KINDS as readonly string[]).includes(kind)) return t(`actions.kind_${kind}`, { target: '' }).trim();
  return t('actions.kind_unknown', { kind });
}

export function summarizeEntry(entry: LogEntry, t: TFunction): LogSummary {
  switch (entry.kind) {
    case 'session.started':
      return { detail: `${entry.data.title} (${entry.data.providerId})` };
    case 'session.ended':
      return { detail: entry.data.reason };
    case 'participant.joined':
      return { name: entry.data.participant.displayName, detail: t(`role.${entry.data.participant.role}`) };
    case 'participant.left':
      return { name: entry.data.displayName, detail: t(`leaveReason.${entry.data.reason}`) };
    case 'participant.updated':
      return {
        name: entry.data.displayName,
        detail: Object.entries(entry.data.changes)
          .map(([key, change]) =>
            key === 'displayName' ? t('log.renamedFrom', { name: String(change.from) }) : describeChange(key, change.to),
          )
          .join('; '),
      };
    case 'participant.flagged':
      return {
        name: entry.data.displayName,
        detail: `${entry.data.score} · ${entry.data.flags.map((f) => t(`risk.${f.signal}`, { detail: f.detail ?? '' })).join('; ')}`,
      };
    case 'attendees.loaded':
      return { detail: `${entry.data.count} · ${entry.data.source}` };
    case 'join.blocked':
      return { name: entry.data.attempt.displayName, detail: t(`roster.blockedReason_${entry.data.attempt.reason}`) };
    case 'action.requested': {
      const action = entry.data.action;
      return { ...(entry.data.target ? { name: entry.data.target } : {}), detail: actionName(action.kind, t) };
    }
    case 'action.attempt':
      return { detail: t('log.attempt', { n: entry.data.attempt, id: entry.data.actionId.slice(0, 8) }) };
    case 'action.confirmed':
    case 'action.failed': {
      const o = entry.data.outcome;
      const latency = o.latencyMs !== undefined ? ` · ${Math.round(o.latencyMs)} ms` : '';
      return { ...(o.target ? { name: o.target } : {}), detail: `${actionName(o.kind, t)}${latency}${o.reason ? ` — ${o.reason}` : ''}` };
    }
    case 'note':
      return { detail: entry.data.text };
    case 'moderator.changed':
      return { detail: `${entry.data.previous.moderator} → ${entry.actor.moderator}` };
    case 'log.recovered':
      return { detail: `${entry.data.tornBytes} bytes · ${entry.data.reason}` };
    case 'evidence.marked':
      return { detail: `#${entry.data.seq}${entry.data.note ? ` — ${entry.data.note}` : ''}` };
    case 'error':
      return { detail: entry.data.message };
    case 'input.rejected':
      return { detail: `${entry.data.channel}: ${entry.data.issues}` };
    case 'meeting.controls':
      return {
        detail: Object.entries(entry.data.changes)
          .map(([key, change]) => describeChange(key, change.to))
          .join('; '),
      };
    case 'controls.captured':
      return {
        detail: Object.entries(entry.data.controls)
          .filter(([, value]) => value !== null)
          .map(([key, value]) => describeChange(key, value))
          .join('; '),
      };
    case 'plan.started':
      return { detail: `${entry.data.name}: ${entry.data.steps.map((s) => s.id).join(', ')}` };
    case 'plan.finished':
      return { detail: `${entry.data.name} · ${entry.data.status} · ${Math.round(entry.data.durationMs)} ms` };
    case 'script.started':
      return { detail: entry.data.name };
    case 'script.step':
      return {
        detail: `${entry.data.index + 1} · ${entry.data.step} · ${entry.data.result}${entry.data.reason ? ` — ${entry.data.reason}` : ''}`,
      };
    case 'script.finished':
      return { detail: entry.data.status };
    case 'incident.contained':
      return { detail: `${(entry.data.timeToContainMs / 1000).toFixed(1)} s · ${entry.data.intruders}` };
    case 'platform.link':
      return { detail: `${entry.data.state}${entry.data.detail ? ` — ${entry.data.detail}` : ''}` };
    case 'meeting.started':
    case 'meeting.locked':
    case 'meeting.unlocked':
    case 'meeting.ended':
      return { detail: '' };
  }
}
