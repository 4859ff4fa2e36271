import type { LogEntry } from '../entry';
import type { Action, ActionOutcome } from '../../model/action';
import type { BlockedJoin, Identity, Participant } from '../../model/participant';
import type { AttendeeMatch, Risk } from '../../model/risk';
import { IDENTIFYING_FIELDS, People, type IdentifyingField, type Person } from './people';
import { text, type ReportLanguage } from './strings';
import { redactBody } from './redactEntry';
import { TextMatcher } from './textMatch';

/** Short all-digit ids (a platform's participant number) would wipe ordinary numbers out of notes. */
const SHORT_NUMBER = /^\d{1,5}$/;

const IDENTIFIER_FORM: Record<IdentifyingField, (k: number) => string> = {
  userId: (k) => `user-${k}`,
  // A reserved top-level domain (RFC 2606): looks like an address, can never be one.
  email: (k) => `email-${k}@redacted.invalid`,
  ip: (k) => `ip-${k}`,
  organisation: (k) => `organisation-${k}`,
};

/**
 * Replaces names and identifiers with stable pseudonyms. Names become "Participant 3" (in the
 * report's language), numbered by first appearance in the log; identifiers become tokens that keep
 * what links them (two intruders from one IP share `ip-2`) without revealing them. Free text is
 * searched for every known name and identifier. When inactive, everything passes through unchanged.
 */
export class Redactor {
  readonly active: boolean;
  private readonly language: ReportLanguage;
  private readonly entries: readonly LogEntry[];
  private peopleCache: People | undefined;
  private matcherCache: TextMatcher | undefined;
  private readonly pseudonyms = new Map<number, string>();

  constructor(entries: readonly LogEntry[], options: { redact: boolean; language: ReportLanguage }) {
    this.active = options.redact;
    this.language = options.language;
    this.entries = entries;
  }

  /** Who is who in the log; worked out on first use (an unredacted CSV export never needs it). */
  get people(): People {
    this.peopleCache ??= new People(this.entries);
    return this.peopleCache;
  }

  pseudonym(person: Person): string {
    let name = this.pseudonyms.get(person.n);
    if (name === undefined) {
      name = text(this.language, 'pseudonym.participant', { n: String(person.n) });
      this.pseudonyms.set(person.n, name);
    }
    return name;
  }

  /** The name to show for a participant: their pseudonym, or the name the platform gave. */
  participantName(participantId: string, raw: string): string {
    return this.active ? this.pseudonym(this.people.participant(participantId)) : raw;
  }

  attemptName(attempt: BlockedJoin): string {
    return this.active ? this.pseudonym(this.people.attempt(attempt)) : attempt.displayName;
  }

  /** A name met without an id (e.g. an action's target): its first owner's pseudonym. */
  name(raw: string): string {
    if (!this.active) return raw;
    const owner = this.people.ownerOf(raw);
    return owner ? this.pseudonym(owner) : this.text(raw);
  }

  expectedName(match: AttendeeMatch): string | undefined {
    if (match.expectedName === undefined) return undefined;
    if (!this.active) return match.expectedName;
    const person = this.people.expected(match);
    return person ? this.pseudonym(person) : this.text(match.expectedName);
  }

  /** Free text with every known name and identifier replaced. */
  text(raw: string): string {
    return this.active ? this.matcher().replace(raw) : raw;
  }

  participantId(id: string): string {
    return this.active ? `participant-${this.people.participant(id).n}` : id;
  }

  identifier(field: IdentifyingField, value: string): string {
    if (!this.active) return value;
    const k = this.people.identifiers[field].get(value);
    return k === undefined ? this.text(value) : IDENTIFIER_FORM[field](k);
  }

  moderator(name: string): string {
    return this.active ? text(this.language, 'pseudonym.moderator', { n: String(this.people.moderators.get(name) ?? 0) }) : name;
  }

  machine(name: string): string {
    return this.active ? text(this.language, 'pseudonym.machine', { n: String(this.people.machines.get(name) ?? 0) }) : name;
  }

  identity(identity: Identity): Identity {
    if (!this.active) return identity;
    const out: Identity = { ...identity };
    for (const field of IDENTIFYING_FIELDS) {
      const value = identity[field];
      if (value !== undefined) out[field] = this.identifier(field, value);
    }
    return out;
  }

  match(match: AttendeeMatch): AttendeeMatch {
    if (!this.active) return match;
    const out: AttendeeMatch = { ...match };
    if (match.expectedId !== undefined) out.expectedId = `expected-${this.people.expectedIds.get(match.expectedId) ?? 0}`;
    const name = this.expectedName(match);
    if (name !== undefined) out.expectedName = name;
    return out;
  }

  risk(risk: Risk): Risk {
    if (!this.active) return risk;
    return { ...risk, flags: risk.flags.map((f) => (f.detail === undefined ? f : { ...f, detail: this.text(f.detail) })) };
  }

  participant(p: Participant): Participant {
    if (!this.active) return p;
    const name = this.participantName(p.id, p.displayName);
    return {
      ...p,
      id: this.participantId(p.id),
      displayName: name,
      identity: this.identity(p.identity),
      renamedFrom: p.renamedFrom.map(() => name),
      match: this.match(p.match),
      risk: this.risk(p.risk),
    };
  }

  action(action: Action): Action {
    if (!this.active) return action;
    if ('participantId' in action) return { ...action, participantId: this.participantId(action.participantId) };
    if (action.kind === 'contain') return { ...action, participantIds: action.participantIds.map((id) => this.participantId(id)) };
    if (action.kind === 'postChat') return { ...action, text: this.text(action.text) };
    return action;
  }

  outcome(o: ActionOutcome): ActionOutcome {
    if (!this.active) return o;
    const out: ActionOutcome = { ...o };
    if (o.participantId !== undefined) out.participantId = this.participantId(o.participantId);
    if (o.target !== undefined)
      out.target = o.participantId !== undefined ? this.participantName(o.participantId, o.target) : this.name(o.target);
    if (o.reason !== undefined) out.reason = this.text(o.reason);
    if (o.plan) {
      out.plan = {
        name: this.text(o.plan.name),
        steps: o.plan.steps.map((s) => (s.reason === undefined ? s : { ...s, reason: this.text(s.reason) })),
      };
    }
    return out;
  }

  /** A copy of the entry with every name and identifier replaced (the original when inactive). */
  entry(entry: LogEntry): LogEntry {
    if (!this.active) return entry;
    const actor = { moderator: this.moderator(entry.actor.moderator), machine: this.machine(entry.actor.machine) };
    return { ...entry, actor, ...redactBody(this, entry) } as LogEntry;
  }

  private matcher(): TextMatcher {
    if (this.matcherCache) return this.matcherCache;
    const matcher = new TextMatcher();
    const add = (needle: string, replacement: string) => {
      if (!SHORT_NUMBER.test(needle.trim())) matcher.add(needle, replacement);
    };
    for (const person of this.people.all) {
      for (const name of person.names) add(name, this.pseudonym(person));
      for (const id of person.participantIds) add(id, `participant-${person.n}`);
    }
    for (const field of IDENTIFYING_FIELDS) {
      for (const [value, k] of this.people.identifiers[field]) add(value, IDENTIFIER_FORM[field](k));
    }
    for (const [id, k] of this.people.attempts) add(id, `attempt-${k}`);
    for (const [id, k] of this.people.expectedIds) add(id, `expected-${k}`);
    for (const name of this.people.moderators.keys()) add(name, this.moderator(name));
    for (const name of this.people.machines.keys()) add(name, this.machine(name));
    this.matcherCache = matcher;
    return matcher;
  }
}
