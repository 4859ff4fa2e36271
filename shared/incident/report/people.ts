import type { LogEntry } from '../entry';
import type { AttendeeMatch } from '../../model/risk';
import type { BlockedJoin, Identity } from '../../model/participant';

/** Identity fields that identify a person; `client` (the app used) does not and is kept. */
export const IDENTIFYING_FIELDS = ['userId', 'email', 'ip', 'organisation'] as const;
export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

/** Someone the log names: a participant, a refused joiner or an expected attendee named in a match. */
export interface Person {
  /** 1-based, in order of first appearance in the log: the number of the pseudonym. */
  n: number;
  /** Participant ids of this person (one for a participant, none for a refused joiner). */
  participantIds: string[];
  /** Every display name this person used, in order. */
  names: string[];
}

const REMOVED = new Set(['ejected', 'banned', 'removed']);

/**
 * Works out who is who in a log, in order of first appearance, so a pseudonym is stable across
 * every section and export. A participant is known by id. A refused join attempt has no
 * participant id: it is the same person as an earlier participant with the same platform account
 * or e-mail, else the most recently removed or flagged participant of that name (an ejected
 * intruder trying again), else the first one of that name, else someone new.
 */
export class People {
  private readonly list: Person[] = [];
  private readonly byId = new Map<string, Person>();
  private readonly byAttempt = new Map<string, Person>();
  private readonly firstByName = new Map<string, Person>();
  private readonly removedByName = new Map<string, Person>();
  private readonly byAccount = new Map<string, Person>();
  private readonly byExpected = new Map<string, Person>();
  /** Every distinct identifying value, per field, in order of appearance. */
  readonly identifiers: Record<IdentifyingField, Map<string, number>> = {
    userId: new Map(),
    email: new Map(),
    ip: new Map(),
    organisation: new Map(),
  };
  readonly attempts = new Map<string, number>();
  readonly expectedIds = new Map<string, number>();
  readonly moderators = new Map<string, number>();
  readonly machines = new Map<string, number>();

  constructor(entries: readonly LogEntry[]) {
    for (const entry of entries) this.visit(entry);
  }

  get all(): readonly Person[] {
    return this.list;
  }

  /** The person with this participant id (created if the log never showed them join). */
  participant(id: string): Person {
    let person = this.byId.get(id);
    if (!person) {
      person = this.create();
      person.participantIds.push(id);
      this.byId.set(id, person);
    }
    return person;
  }

  /** The person a refused join attempt is attributed to. */
  attempt(attempt: BlockedJoin): Person {
    let person = this.byAttempt.get(attempt.id);
    if (person) return person;
    person =
      this.accountOwner(attempt.identity) ??
      this.removedByName.get(attempt.displayName) ??
      this.firstByName.get(attempt.displayName) ??
      this.create();
    this.byAttempt.set(attempt.id, person);
    this.name(person, attempt.displayName);
    return person;
  }

  /** The person who first used this exact display name, if anyone did. */
  ownerOf(name: string): Person | undefined {
    return this.firstByName.get(name);
  }

  /** The expected attendee an impostor imitates: the participant matched to them, else a person of their own. */
  expected(match: AttendeeMatch): Person | undefined {
    if (match.expectedName === undefined) return undefined;
    const key = match.expectedId ?? `name:${match.expectedName}`;
    let person = this.byExpected.get(key) ?? this.firstByName.get(match.expectedName);
    if (!person) {
      person = this.create();
      this.name(person, match.expectedName);
    }
    this.byExpected.set(key, person);
    if (match.expectedId !== undefined) count(this.expectedIds, match.expectedId);
    return person;
  }

  /** A participant matched to the expected list: recognised as that attendee, or imitating them. */
  private matched(person: Person, match: AttendeeMatch): void {
    if (match.status === 'expected' && match.expectedId !== undefined && !this.byExpected.has(match.expectedId)) {
      this.byExpected.set(match.expectedId, person);
    }
    this.expected(match);
  }

  private create(): Person {
    const person: Person = { n: this.list.length + 1, participantIds: [], names: [] };
    this.list.push(person);
    return person;
  }

  private name(person: Person, name: string): void {
    if (!person.names.includes(name)) person.names.push(name);
    if (!this.firstByName.has(name)) this.firstByName.set(name, person);
  }

  private identity(person: Person | undefined, identity: Identity | undefined): void {
    if (!identity) return;
    for (const field of IDENTIFYING_FIELDS) {
      const value = identity[field];
      if (value !== undefined && value !== '') count(this.identifiers[field], value);
    }
    if (!person) return;
    for (const key of accountKeys(identity)) if (!this.byAccount.has(key)) this.byAccount.set(key, person);
  }

  private accountOwner(identity: Identity): Person | undefined {
    for (const key of accountKeys(identity)) {
      const person = this.byAccount.get(key);
      if (person) return person;
    }
    return undefined;
  }

  private visit(entry: LogEntry): void {
    count(this.moderators, entry.actor.moderator);
    count(this.machines, entry.actor.machine);
    switch (entry.kind) {
      case 'moderator.changed':
        // A name that signed no entry (changed before the first) still gets its pseudonym.
        count(this.moderators, entry.data.previous.moderator);
        count(this.machines, entry.data.previous.machine);
        break;
      case 'participant.joined': {
        const p = entry.data.participant;
        const person = this.participant(p.id);
        for (const old of p.renamedFrom) this.name(person, old);
        this.name(person, p.displayName);
        this.identity(person, p.identity);
        this.matched(person, p.match);
        break;
      }
      case 'participant.left': {
        const person = this.participant(entry.data.participantId);
        this.name(person, entry.data.displayName);
        if (REMOVED.has(entry.data.reason)) this.removedByName.set(entry.data.displayName, person);
        break;
      }
      case 'participant.updated': {
        const person = this.participant(entry.data.participantId);
        const { displayName, identity, match } = entry.data.changes;
        if (typeof displayName?.from === 'string') this.name(person, displayName.from);
        this.name(person, entry.data.displayName);
        if (identity) this.identity(person, identity.to as Identity | undefined);
        if (match && typeof match.to === 'object' && match.to !== null) this.matched(person, match.to as AttendeeMatch);
        break;
      }
      case 'participant.flagged': {
        const person = this.participant(entry.data.participantId);
        this.name(person, entry.data.displayName);
        this.removedByName.set(entry.data.displayName, person);
        this.matched(person, entry.data.match);
        break;
      }
      case 'join.blocked':
        this.identity(undefined, entry.data.attempt.identity);
        this.attempt(entry.data.attempt);
        count(this.attempts, entry.data.attempt.id);
        break;
      case 'action.requested': {
        const action = entry.data.action;
        const ids = 'participantId' in action ? [action.participantId] : action.kind === 'contain' ? action.participantIds : [];
        for (const id of ids) this.participant(id);
        if (ids.length === 1 && entry.data.target !== undefined) this.name(this.participant(ids[0] as string), entry.data.target);
        break;
      }
      case 'action.confirmed':
      case 'action.failed': {
        const { participantId, target } = entry.data.outcome;
        if (participantId !== undefined) {
          const person = this.participant(participantId);
          if (target !== undefined) this.name(person, target);
        }
        break;
      }
      default:
        break;
    }
  }
}

function count(map: Map<string, number>, value: string): void {
  if (!map.has(value)) map.set(value, map.size + 1);
}

function accountKeys(identity: Identity): string[] {
  const keys: string[] = [];
  if (identity.userId) keys.push(`user:${identity.userId}`);
  if (identity.email) keys.push(`email:${identity.email.trim().toLowerCase()}`);
  return keys;
}
