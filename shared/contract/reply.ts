import { z } from 'zod';

/** Why a command was not carried out. */
export const ErrorCode = z.enum([
  'invalidInput',
  'unknownCommand',
  'notAttached',
  'alreadyAttached',
  'unknownProvider',
  'unknownMeeting',
  'providerError',
  'forbidden',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const HostError = z.object({ code: ErrorCode, message: z.string().max(4000) }).strict();
export type HostError = z.infer<typeof HostError>;

/** Every command answers with this envelope, so errors cross the boundary as data, not as throws. */
export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: HostError }).strict(),
]);
export type Reply = z.infer<typeof Reply>;

/** An error the host raises on purpose: it crosses the boundary with its code and message. */
export class HostdeckError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HostdeckError';
    this.code = code;
  }
}

/** Formats zod issues as one readable line per problem: `path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
