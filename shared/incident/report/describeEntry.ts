import type { LogEntry } from '../entry';
import { formatDuration } from './format';
import {
  actionOf,
  alertsPhrase,
  cleanText,
  controlsPhrase,
  flagPhrase,
  LEAVE_KEYS,
  nameSpan,
  participantChanges,
  roleText,
  type DescribeContext,
  type EntryDescription,
} from './phrases';
import { joinPhrases, phrase, type Phrase, type ReportKey, type ReportLanguage } from './strings';

const PLATFORMS: ReadonlySet<string> = new Set(['rehearsal', 'xmpp', 'webex', 'zoom']);

export function platformName(providerId: string, language: ReportLanguage): string {
  return PLATFORMS.has(providerId) ? phrase(language, `platform.${providerId}` as ReportKey).join('') : cleanText(providerId);
}

type Params = Record<string, string | number | Phrase | { name: string }>;
const PHRASERS: Record<ReportLanguage, (key: ReportKey, params?: Params) => Phrase> = {
  en: (key, params = {}) => phrase('en', key, params),
  id: (key, params = {}) => phrase('id', key, params),
};

/** Describes any entry in one plain-language sentence (every kind, including kinds added later). */
export function describeEntry(entry: LogEntry, ctx: DescribeContext): EntryDescription {
  const { language, redactor } = ctx;
  // Closures here would be re-created for each of 100,000 entries: bind once per language instead.
  const l = PHRASERS[language];
  const actor = () => nameSpan(redactor.moderator(entry.actor.moderator));
  switch (entry.kind) {
    case 'session.started':
      return {
        line: l('line.sessionStarted', {
          title: cleanText(redactor.text(entry.data.title)),
          platform: platformName(entry.data.providerId, language),
        }),
      };
    case 'session.ended':
      return { line: l('line.sessionEnded', { reason: cleanText(redactor.text(entry.data.reason)) }) };
    case 'meeting.started':
      return { line: l('line.meetingStarted') };
    case 'meeting.locked':
      return { line: l('line.meetingLocked') };
    case 'meeting.unlocked':
      return { line: l('line.meetingUnlocked') };
    case 'meeting.ended':
      return { line: l('line.meetingEnded') };
    case 'meeting.controls':
      return { line: l('line.controls', { changes: controlsPhrase(entry.data.changes, language) }) };
    case 'participant.joined': {
      const p = entry.data.participant;
      const name = cleanText(redactor.participantName(p.id, p.displayName));
      const role = roleText(p.role, language);
      const joined = l(p.audio && p.video ? 'line.joinedMedia' : 'line.joined', { name: nameSpan(name), role });
      const alerts = p.alerts.length > 0 ? [' ', ...l('line.platformAlerts', { alerts: alertsPhrase(p.alerts, language) })] : [];
      return { line: [...joined, ...alerts], participant: name };
    }
    case 'participant.left': {
      const name = cleanText(redactor.participantName(entry.data.participantId, entry.data.displayName));
      return { line: l(LEAVE_KEYS[entry.data.reason] ?? 'line.left', { name: nameSpan(name) }), participant: name };
    }
    case 'participant.updated': {
      const name = cleanText(redactor.participantName(entry.data.participantId, entry.data.displayName));
      const changes = participantChanges(entry.data.changes, entry.data.participantId, ctx);
      return { line: l('line.updated', { name: nameSpan(name), changes }), participant: name };
    }
    case 'join.blocked': {
      const attempt = entry.data.attempt;
      const name = cleanText(redactor.attemptName(attempt));
      const reason = l(attempt.reason === 'banned' ? 'blockedReason.banned' : 'blockedReason.locked');
      return { line: l('line.blocked', { name: nameSpan(name), reason }), participant: name };
    }
    case 'participant.flagged': {
      const name = cleanText(redactor.participantName(entry.data.participantId, entry.data.displayName));
      const reasons = joinPhrases(
        entry.data.flags.map((f) => flagPhrase(f, ctx)),
        '; ',
      );
      return { line: l('line.flagged', { name: nameSpan(name), score: entry.data.score, reasons }), participant: name };
    }
    case 'attendees.loaded':
      return entry.data.source === 'cleared'
        ? { line: l('line.attendeesCleared') }
        : { line: l('line.attendeesLoaded', { count: entry.data.count, source: l(`source.${entry.data.source}`) }) };
    case 'action.requested': {
      const { action, parentId } = entry.data;
      const what = actionOf(action.id, ctx);
      const participant =
        'participantId' in action ? cleanText(redactor.participantName(action.participantId, entry.data.target ?? '')) : undefined;
      const line = parentId
        ? l('line.requestedStep', { parent: actionOf(parentId, ctx), action: what })
        : l('line.requested', { actor: actor(), action: what });
      return participant === undefined ? { line } : { line, participant };
    }
    case 'action.attempt': {
      const what = actionOf(entry.data.actionId, ctx);
      if (entry.data.attempt > 1 && entry.data.previousError !== undefined) {
        return {
          line: l('line.retry', { n: entry.data.attempt, action: what, error: cleanText(redactor.text(entry.data.previousError)) }),
        };
      }
      return { line: l('line.attempt', { n: entry.data.attempt, action: what }) };
    }
    case 'action.confirmed':
    case 'action.failed': {
      const o = entry.data.outcome;
      const what = actionOf(o.actionId, ctx, o);
      const participant = o.participantId !== undefined ? cleanText(redactor.participantName(o.participantId, o.target ?? '')) : undefined;
      const line =
        entry.kind === 'action.failed'
          ? l('line.failed', { action: what, reason: cleanText(redactor.text(o.reason ?? '—')) })
          : o.latencyMs !== undefined
            ? l('line.confirmed', { action: what, duration: formatDuration(o.latencyMs, language) })
            : l('line.confirmedNoLatency', { action: what });
      return participant === undefined ? { line } : { line, participant };
    }
    case 'controls.captured':
      return { line: l('line.captured') };
    case 'plan.started':
      return { line: l('line.planStarted', { name: cleanText(redactor.text(entry.data.name)), count: entry.data.steps.length }) };
    case 'plan.finished':
      return {
        line: l('line.planFinished', {
          name: cleanText(redactor.text(entry.data.name)),
          status: l(entry.data.status === 'confirmed' ? 'status.confirmed' : 'status.failed'),
          duration: formatDuration(entry.data.durationMs, language),
        }),
      };
    case 'script.started':
      return { line: l('line.scriptStarted', { name: cleanText(redactor.text(entry.data.name)) }) };
    case 'script.step': {
      const d = entry.data;
      const step = ['action', 'say', 'chat', 'wait'].includes(d.step) ? l(`scriptStep.${d.step}` as ReportKey) : cleanText(d.step);
      const params = { n: d.index + 1, step, result: l(`scriptResult.${d.result}`) };
      return d.reason !== undefined
        ? { line: l('line.scriptStepReason', { ...params, reason: cleanText(redactor.text(d.reason)) }) }
        : { line: l('line.scriptStep', params) };
    }
    case 'script.finished':
      return {
        line: l(
          entry.data.status === 'done'
            ? 'line.scriptDone'
            : entry.data.status === 'cancelled'
              ? 'line.scriptCancelled'
              : 'line.scriptWaiting',
        ),
      };
    case 'incident.contained':
      return {
        line: l('line.contained', { count: entry.data.intruders, duration: formatDuration(entry.data.timeToContainMs, language) }),
      };
    case 'note':
      return { line: l('line.note', { actor: actor(), text: cleanText(redactor.text(entry.data.text)) }) };
    case 'moderator.changed':
      return {
        line: l('line.moderatorChanged', { previous: nameSpan(redactor.moderator(entry.data.previous.moderator)), actor: actor() }),
      };
    case 'error': {
      const message = cleanText(redactor.text(entry.data.message));
      return entry.data.context !== undefined
        ? { line: l('line.errorContext', { context: cleanText(redactor.text(entry.data.context)), message }) }
        : { line: l('line.error', { message }) };
    }
    case 'input.rejected':
      return { line: l('line.rejected', { channel: cleanText(entry.data.channel) }) };
    case 'platform.link': {
      const state = l(`linkState.${entry.data.state}`);
      return entry.data.detail !== undefined
        ? { line: l('line.linkDetail', { state, detail: cleanText(redactor.text(entry.data.detail)) }) }
        : { line: l('line.link', { state }) };
    }
    case 'evidence.marked':
      return { line: l('line.evidence', { seq: entry.data.seq, actor: actor() }) };
    case 'log.recovered':
      return { line: l('line.recovered', { bytes: entry.data.tornBytes, hash: entry.data.tornHash }) };
    default:
      // A kind added after this build: say so rather than drop it.
      return { line: l('line.unknown', { kind: cleanText(String((entry as { kind: unknown }).kind)) }) };
  }
}
