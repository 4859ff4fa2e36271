import type { LogEntry } from '../../shared/incident/entry';

/** Who a log entry is about (id and name), for filtering and for jumping to the participant. */
export function participantOfEntry(entry: LogEntry): { id: string; name: string } | undefined {
  switch (entry.kind) {
    case 'participant.joined':
      return { id: entry.data.participant.id, name: entry.data.participant.displayName };
    case 'participant.left':
    case 'participant.updated':
    case 'participant.flagged':
      return { id: entry.data.participantId, name: entry.data.displayName };
    case 'action.requested':
      return 'participantId' in entry.data.action
        ? { id: entry.data.action.participantId, name: entry.data.target ?? entry.data.action.participantId }
        : undefined;
    case 'action.confirmed':
    case 'action.failed':
      return entry.data.outcome.participantId
        ? { id: entry.data.outcome.participantId, name: entry.data.outcome.target ?? entry.data.outcome.participantId }
        : undefined;
    case 'join.blocked':
      return { id: entry.data.attempt.id, name: entry.data.attempt.displayName };
    default:
      return undefined;
  }
}
