import type { LogEntry } from '../../../shared/incident/entry';

/** Entries kept per participant for the detail view. */
const PER_PARTICIPANT = 200;

/** The participant a log entry is about, if any. */
export function participantOf(entry: LogEntry): string | undefined {
  switch (entry.kind) {
    case 'participant.joined':
      return entry.data.participant.id;
    case 'participant.left':
    case 'participant.updated':
    case 'participant.flagged':
      return entry.data.participantId;
    case 'action.requested':
      return 'participantId' in entry.data.action ? entry.data.action.participantId : undefined;
    case 'action.confirmed':
    case 'action.failed':
      return entry.data.outcome.participantId;
    default:
      return undefined;
  }
}

/** Every recorded entry about each participant: joins, leaves, renames, flags, actions taken on them. */
export class ParticipantHistory {
  private readonly byParticipant = new Map<string, LogEntry[]>();

  note(entry: LogEntry): void {
    const id = participantOf(entry);
    if (id === undefined) return;
    const list = this.byParticipant.get(id) ?? [];
    list.push(entry);
    if (list.length > PER_PARTICIPANT) list.splice(0, list.length - PER_PARTICIPANT);
    this.byParticipant.set(id, list);
  }

  of(participantId: string): LogEntry[] {
    return [...(this.byParticipant.get(participantId) ?? [])];
  }
}
