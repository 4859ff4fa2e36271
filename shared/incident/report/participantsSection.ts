import type { LogEntry } from '../entry';
import type { Identity } from '../../model/participant';
import { neutralizeText } from '../../util/text';
import { timePoint } from './format';
import type { LogFacts } from './facts';
import type { Person } from './people';
import { actionPhrase, alertsPhrase, cleanText, flagPhrase, roleText, type DescribeContext } from './phrases';
import type { InvolvedParticipant, ReportRow } from './reportTypes';
import { joinPhrases, phrase, text, type Phrase, type ReportKey } from './strings';

type Involvement = 'flagged' | 'ejected' | 'banned' | 'removed' | 'blocked' | 'actedOn';
const LEFT_INVOLVEMENT: Record<string, Involvement> = { ejected: 'ejected', banned: 'banned', removed: 'removed' };

/**
 * Everyone the incident touched: flagged, ejected, banned, removed by the platform, refused at the
 * door, or the target of a moderator's action, in order of first appearance. Each gets every name
 * they used, the identifiers the platform gave, why they were flagged, and what was done to them.
 */
export function buildInvolved(facts: LogFacts, ctx: DescribeContext): InvolvedParticipant[] {
  const { redactor } = ctx;
  const people = redactor.people;
  const involvement = new Map<Person, Set<Involvement>>();
  const mark = (person: Person, what: Involvement) => {
    const set = involvement.get(person) ?? new Set<Involvement>();
    set.add(what);
    involvement.set(person, set);
  };
  for (const id of facts.flagged.keys()) mark(people.participant(id), 'flagged');
  for (const [id, left] of facts.left) {
    const what = LEFT_INVOLVEMENT[left.reason];
    if (what) mark(people.participant(id), what);
  }
  const actionsOn = new Map<string, string[]>();
  for (const [actionId, ids] of facts.targets) {
    for (const id of ids) {
      mark(people.participant(id), 'actedOn');
      actionsOn.set(id, [...(actionsOn.get(id) ?? []), actionId]);
    }
  }
  const attempts = new Map<Person, LogEntry[]>();
  for (const { attempt, entry } of facts.blocked) {
    const person = people.attempt(attempt);
    mark(person, 'blocked');
    attempts.set(person, [...(attempts.get(person) ?? []), entry]);
  }
  return people.all
    .filter((person) => involvement.has(person))
    .map((person) =>
      describePerson(person, involvement.get(person) ?? new Set(), { facts, ctx, actionsOn, attempts: attempts.get(person) ?? [] }),
    );
}

interface PersonContext {
  facts: LogFacts;
  ctx: DescribeContext;
  actionsOn: Map<string, string[]>;
  attempts: LogEntry[];
}

function describePerson(person: Person, involvement: Set<Involvement>, pc: PersonContext): InvolvedParticipant {
  const { facts, ctx } = pc;
  const { language, redactor } = ctx;
  const l = (key: ReportKey, params: Record<string, string | number | Phrase> = {}) => phrase(language, key, params);
  const label = redactor.active ? redactor.pseudonym(person) : cleanText(person.names.at(-1) ?? `#${person.n}`);
  const rows: ReportRow[] = [];
  const row = (key: ReportKey, value: Phrase | string) =>
    rows.push({ label: text(language, key), value: typeof value === 'string' ? [value] : value });

  if (!redactor.active && person.names.length > 0) {
    row(
      'participants.names',
      joinPhrases(
        person.names.map((n) => [{ name: cleanText(n) }]),
        '; ',
      ),
    );
  }
  const ids = person.participantIds;
  const joined = ids.map((id) => facts.joined.get(id)).find((j) => j !== undefined);
  if (joined) row('participants.role', roleText(joined.participant.role, language));
  const identifiers = identifierPhrases(ids, [joined?.participant.identity, ...pc.attempts.map(attemptIdentity)], ctx);
  row('participants.identifiers', identifiers.length > 0 ? joinPhrases(identifiers, '; ') : l('participants.noIdentifiers'));
  if (joined) row('participants.joined', timePoint(Date.parse(joined.entry.ts), joined.entry.tz, language).local);
  for (const id of ids) {
    const left = facts.left.get(id);
    if (left) {
      const reason = text(language, `leaveReason.${left.reason}` as ReportKey);
      row('participants.left', `${timePoint(left.at.ms, left.at.tz, language).local} (${reason})`);
    }
    const flagged = facts.flagged.get(id);
    if (flagged) {
      const reasons = joinPhrases(
        flagged.flags.map((f) => flagPhrase(f, ctx)),
        '; ',
      );
      row('participants.flags', [...l('participants.score', { score: flagged.score }), ': ', ...reasons]);
      row('participants.match', matchPhrase(flagged.match, ctx));
    }
    const alerts = facts.alerts.get(id);
    if (alerts && alerts.size > 0) row('participants.alerts', alertsPhrase([...alerts], language));
    const actions = (pc.actionsOn.get(id) ?? []).flatMap((actionId) => actionLine(actionId, pc));
    if (actions.length > 0) row('participants.actions', joinPhrases(actions, '; '));
  }
  if (pc.attempts.length > 0) {
    const times = pc.attempts.map((e) => timePoint(Date.parse(e.ts), e.tz, language).localTime).join(', ');
    row('participants.blocked', `${pc.attempts.length} (${times})`);
  }
  const hidden = Math.max(0, ...person.names.map((n) => neutralizeText(n).removed));
  return {
    label,
    involvement: [...involvement].map((what) => text(language, `involvement.${what}`)),
    rows,
    hiddenCharacters: hidden,
  };
}

function attemptIdentity(entry: LogEntry): Identity | undefined {
  return entry.kind === 'join.blocked' ? entry.data.attempt.identity : undefined;
}

function identifierPhrases(ids: readonly string[], identities: readonly (Identity | undefined)[], ctx: DescribeContext): Phrase[] {
  const { language, redactor } = ctx;
  const seen = new Set<string>();
  const out: Phrase[] = [];
  const add = (key: ReportKey, value: string) => {
    const shown = cleanText(value);
    if (shown === '' || seen.has(`${key}\u0000${shown}`)) return;
    seen.add(`${key}\u0000${shown}`);
    out.push([`${text(language, key)}: `, { name: shown }]);
  };
  for (const id of ids) add('identity.participantId', redactor.participantId(id));
  for (const identity of identities) {
    if (!identity) continue;
    if (identity.userId) add('identity.userId', redactor.identifier('userId', identity.userId));
    if (identity.email) add('identity.email', redactor.identifier('email', identity.email));
    if (identity.ip) add('identity.ip', redactor.identifier('ip', identity.ip));
    if (identity.organisation) add('identity.organisation', redactor.identifier('organisation', identity.organisation));
    if (identity.client) add('identity.client', identity.client);
  }
  return out;
}

function matchPhrase(match: { status: string; expectedName?: string }, ctx: DescribeContext): Phrase {
  const { language, redactor } = ctx;
  if (match.status === 'impostor') {
    const name = redactor.expectedName(match as Parameters<typeof redactor.expectedName>[0]);
    return name !== undefined
      ? phrase(language, 'match.impostor', { name: [{ name: cleanText(name) }] })
      : phrase(language, 'match.impostorUnnamed');
  }
  const key = (['noList', 'expected', 'unknown'] as const).find((s) => s === match.status) ?? 'noList';
  return phrase(language, `match.${key}`);
}

function actionLine(actionId: string, pc: PersonContext): Phrase[] {
  const { facts, ctx } = pc;
  const requested = facts.actions.get(actionId);
  if (!requested) return [];
  const outcome = facts.outcomes.get(actionId)?.outcome;
  const status = outcome?.status === 'confirmed' ? 'confirmed' : outcome?.status === 'failed' ? 'failed' : 'pending';
  return [[...actionPhrase(requested, ctx), ` (${text(ctx.language, `status.${status}`)})`]];
}
