import { z } from 'zod';
import { nameSkeleton } from './normalize';

/** Someone the organisers expect: from an imported list or the platform's registrants. */
export const ExpectedAttendee = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(300),
    email: z.string().max(320).optional(),
    userId: z.string().max(300).optional(),
    organisation: z.string().max(300).optional(),
    role: z.string().max(100).optional(),
  })
  .strict();
export type ExpectedAttendee = z.infer<typeof ExpectedAttendee>;

/** Lookup tables over the expected list, built once per import. */
export interface AttendeeIndex {
  readonly size: number;
  byEmail(email: string): ExpectedAttendee | undefined;
  byUserId(userId: string): ExpectedAttendee | undefined;
  /** Expected people whose name has this skeleton. */
  bySkeleton(skeleton: string): readonly ExpectedAttendee[];
}

export function indexAttendees(list: readonly ExpectedAttendee[]): AttendeeIndex {
  const emails = new Map<string, ExpectedAttendee>();
  const userIds = new Map<string, ExpectedAttendee>();
  const skeletons = new Map<string, ExpectedAttendee[]>();
  for (const attendee of list) {
    if (attendee.email) emails.set(attendee.email.trim().toLowerCase(), attendee);
    if (attendee.userId) userIds.set(attendee.userId, attendee);
    const skeleton = nameSkeleton(attendee.name);
    skeletons.set(skeleton, [...(skeletons.get(skeleton) ?? []), attendee]);
  }
  return {
    size: list.length,
    byEmail: (email) => emails.get(email.trim().toLowerCase()),
    byUserId: (userId) => userIds.get(userId),
    bySkeleton: (skeleton) => skeletons.get(skeleton) ?? [],
  };
}
