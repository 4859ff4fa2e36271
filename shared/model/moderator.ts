import { z } from 'zod';
import { neutralizeText } from '../util/text';

/** The longest moderator name Hostdeck records (characters, after cleaning). */
export const MODERATOR_NAME_MAX = 100;

/**
 * Cleans a moderator name for the record: invisible formatting and control characters removed,
 * runs of spaces made one, trimmed. The same cleaning applies to a name typed in Settings, given
 * on the command line or taken from the operating system.
 */
export function cleanModeratorName(raw: string): string {
  return neutralizeText(raw).text;
}

/** A moderator name as typed: cleaned, then 1 to 100 characters. */
export const ModeratorName = z
  .string()
  .max(4000)
  .transform(cleanModeratorName)
  .pipe(
    z.string().min(1, 'The name must not be empty.').max(MODERATOR_NAME_MAX, `The name must be at most ${MODERATOR_NAME_MAX} characters.`),
  );

/**
 * Who the incident log records as the actor of each new entry, and where the name comes from:
 * saved in Settings, given on the command line (`--moderator`, browser mode) for this run, or the
 * default (the operating-system user name). The machine name is the computer's host name.
 */
export const ModeratorIdentity = z
  .object({
    moderator: z.string().max(200),
    machine: z.string().max(200),
    source: z.enum(['settings', 'commandLine', 'default']),
    /** The name used when none is saved. */
    defaultName: z.string().max(200),
  })
  .strict();
export type ModeratorIdentity = z.infer<typeof ModeratorIdentity>;
