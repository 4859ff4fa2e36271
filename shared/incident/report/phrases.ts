import type { Action } from '../../model/action';
import type { RiskFlag } from '../../model/risk';
import { neutralizeText, truncateGraphemes } from '../../util/text';
import type { Redactor } from './redact';
import { joinPhrases, phrase, type NameSpan, type Phrase, type ReportKey, type ReportLanguage } from './strings';

/** Names longer than this are cut inside sentences; the participants section shows them whole. */
const NAME_IN_LINE = 80;

/** What an action id stands for, from its `action.requested` entry. */
export interface RequestedAction {
  action: Action;
  target?: string;
  parentId?: string;
}

export interface DescribeContext {
  language: ReportLanguage;
  redactor: Redactor;
  actions: ReadonlyMap<string, RequestedAction>;
}

export interface EntryDescription {
  /** The entry as one plain-language sentence. */
  line: Phrase;
  /** The (redacted, neutralised) name of the participant the entry is about, if any. */
  participant?: string;
}

/** Text that is already clean: printable ASCII, no doubled or edge spaces (most names and reasons). */
const PLAIN = /^[\x21-\x7E](?:[\x21-\x7E]| (?! ))*$/;

/** Attacker-chosen text made safe to read: no invisible or control characters, one line. */
export function cleanText(raw: string): string {
  if (PLAIN.test(raw) && !raw.endsWith(' ')) return raw;
  return neutralizeText(raw).text;
}

/** A display name for use inside a sentence: cleaned, and cut if very long. */
export function nameSpan(raw: string): NameSpan {
  return { name: truncateGraphemes(cleanText(raw), NAME_IN_LINE).text };
}

const FLAG_NAMES: ReadonlySet<string> = new Set(['imitatesHost', 'duplicateName', 'renamed', 'impostor']);
const ALERTS: ReadonlySet<string> = new Set(['loudAudio', 'explicitVideo', 'shareAttempt']);

export function alertsPhrase(alerts: readonly string[], language: ReportLanguage): string {
  return alerts.map((a) => (ALERTS.has(a) ? phrase(language, `alert.${a}` as ReportKey).join('') : a)).join(', ');
}

/** One reason for a flag, in words; names inside the detail are redacted and cleaned. */
export function flagPhrase(flag: RiskFlag, ctx: DescribeContext): Phrase {
  const { language, redactor } = ctx;
  let detail: string | NameSpan = '';
  if (flag.detail !== undefined) {
    if (flag.signal === 'platformAlert') detail = alertsPhrase(flag.detail.split(/,\s*/), language);
    else if (FLAG_NAMES.has(flag.signal)) detail = nameSpan(redactor.name(flag.detail));
    else detail = cleanText(redactor.text(flag.detail));
  }
  return phrase(language, `risk.${flag.signal}`, { detail });
}

/** What an action does, e.g. "eject Participant 3" or "turn the waiting room on". */
export function actionPhrase(requested: RequestedAction, ctx: DescribeContext): Phrase {
  const { language, redactor } = ctx;
  const action = requested.action;
  const l = (key: ReportKey, params: Record<string, string | NameSpan> = {}) => phrase(language, key, params);
  switch (action.kind) {
    case 'eject':
    case 'ban':
    case 'mute':
    case 'unmute':
    case 'stopVideo':
    case 'stopShare':
    case 'moveToWaitingRoom':
    case 'admit':
    case 'deny':
      return l(`action.${action.kind}`, {
        name: nameSpan(redactor.participantName(action.participantId, requested.target ?? action.participantId)),
      });
    case 'setWaitingRoom':
      return l(action.enabled ? 'action.waitingRoomOn' : 'action.waitingRoomOff');
    case 'muteAll':
      return l(action.preventUnmute ? 'action.muteAllPrevent' : 'action.muteAll');
    case 'setAllowUnmute':
      return l(action.allowed ? 'action.allowUnmuteOn' : 'action.allowUnmuteOff');
    case 'stopAllVideo':
      return l(action.preventStart ? 'action.stopAllVideoPrevent' : 'action.stopAllVideo');
    case 'setAllowVideo':
      return l(action.allowed ? 'action.allowVideoOn' : 'action.allowVideoOff');
    case 'stopAllShares':
      return l(action.preventStart ? 'action.stopAllSharesPrevent' : 'action.stopAllShares');
    case 'setAllowShare':
      return l(action.allowed ? 'action.allowShareOn' : 'action.allowShareOff');
    case 'setChat':
      return l(action.enabled ? 'action.chatOn' : 'action.chatOff');
    case 'postChat':
      return l('action.postChat', { text: cleanText(redactor.text(action.text)) });
    case 'lock':
    case 'unlock':
    case 'admitAll':
    case 'denyAll':
    case 'endForAll':
    case 'suspendAll':
    case 'restore':
    case 'contain':
      return l(`action.${action.kind}`);
    default:
      return l('action.other', { kind: cleanText((action as { kind: string }).kind) });
  }
}

/** The action an outcome or attempt is about: from its request, else from what the outcome says. */
export function actionOf(actionId: string, ctx: DescribeContext, fallback?: { kind: string; target?: string }): Phrase {
  const requested = ctx.actions.get(actionId);
  if (requested) return actionPhrase(requested, ctx);
  const kind = fallback?.kind ?? '?';
  const target = fallback?.target;
  return target !== undefined
    ? phrase(ctx.language, 'action.other', { kind: [cleanText(kind), ' ', nameSpan(ctx.redactor.name(target))] })
    : phrase(ctx.language, 'action.other', { kind: cleanText(kind) });
}

function onOff(value: unknown, language: ReportLanguage): string {
  const key: ReportKey = value === true ? 'value.on' : value === false ? 'value.off' : 'value.unknown';
  return phrase(language, key).join('');
}

const CONTROLS: ReadonlySet<string> = new Set(['waitingRoom', 'allowUnmute', 'allowVideo', 'allowShare', 'chatEnabled', 'locked']);

/** Meeting control changes, e.g. "waiting room: on; chat: off". */
export function controlsPhrase(changes: Record<string, { to: unknown }>, language: ReportLanguage): Phrase {
  const parts = Object.entries(changes).map(([key, change]) =>
    phrase(language, 'control.value', {
      control: CONTROLS.has(key) ? phrase(language, `control.${key}` as ReportKey) : cleanText(key),
      value: onOff(change.to, language),
    }),
  );
  return joinPhrases(parts, '; ');
}

function participantChanges(changes: Record<string, { from: unknown; to: unknown }>, participantId: string, ctx: DescribeContext): Phrase {
  const { language, redactor } = ctx;
  const l = (key: ReportKey, params: Record<string, string | NameSpan | Phrase> = {}) => phrase(language, key, params);
  const parts: Phrase[] = [];
  for (const [key, change] of Object.entries(changes)) {
    const to = change.to;
    if (key === 'displayName') {
      const from = redactor.active ? redactor.participantName(participantId, '') : String(change.from);
      const now = redactor.active ? from : String(to);
      parts.push(l('change.rename', { from: nameSpan(from), to: nameSpan(now) }));
    } else if (key === 'audio') parts.push(l(to ? 'change.audioOn' : 'change.audioOff'));
    else if (key === 'video') parts.push(l(to ? 'change.videoOn' : 'change.videoOff'));
    else if (key === 'sharing') parts.push(l(to ? 'change.sharingOn' : 'change.sharingOff'));
    else if (key === 'role' && typeof to === 'string') parts.push(l('change.role', { role: roleText(to, language) }));
    else if (key === 'alerts' && Array.isArray(to)) {
      parts.push(to.length > 0 ? l('change.alerts', { alerts: alertsPhrase(to as string[], language) }) : l('change.alertsCleared'));
    } else if (key === 'presence' && typeof to === 'string' && ['inMeeting', 'waiting', 'left'].includes(to)) {
      parts.push(l('change.presence', { presence: l(`presence.${to}` as ReportKey) }));
    } else if (key === 'identity') parts.push(l('change.identity'));
    else parts.push(l('change.other', { field: cleanText(key) }));
  }
  return joinPhrases(parts, '; ');
}

const ROLES: ReadonlySet<string> = new Set(['host', 'cohost', 'panelist', 'attendee', 'guest']);

export function roleText(role: string, language: ReportLanguage): string {
  return ROLES.has(role) ? phrase(language, `role.${role}` as ReportKey).join('') : cleanText(role);
}

const LEAVE_KEYS: Record<string, ReportKey> = {
  left: 'line.left',
  ejected: 'line.ejected',
  banned: 'line.banned',
  removed: 'line.removed',
  meetingEnded: 'line.leftAtEnd',
  unknown: 'line.left',
};

export { LEAVE_KEYS, participantChanges };
