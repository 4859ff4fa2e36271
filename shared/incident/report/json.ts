import { z } from 'zod';
import { LOG_SCHEMA_VERSION, LogEntry } from '../entry';
import { Id } from '../../model/ids';
import { Redactor } from './redact';
import type { ReportLanguage } from './strings';

/**
 * The whole log as one JSON document. Unredacted, each entry is serialised exactly as its line in
 * the log file, one per line, so the chain can be checked again from this document alone
 * (`JSON.stringify` of each entry hashes to the next entry's `prev`).
 */
export const LogExport = z
  .object({
    schemaVersion: z.literal(LOG_SCHEMA_VERSION).describe('Version of the entry format (`v` of every entry).'),
    sessionId: Id.describe('The Hostdeck session the log belongs to.'),
    headHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 (hex) of the last line of the log file: the head of the hash chain.'),
    redacted: z
      .boolean()
      .describe('True when names and identifiers were replaced by pseudonyms; the chain then cannot be checked from this copy.'),
    entries: z.array(LogEntry).describe('Every entry of the log, in order.'),
  })
  .meta({
    title: 'Hostdeck incident log',
    description:
      'A Hostdeck incident log exported as one document. Each entry carries the SHA-256 of the previous line of the log file (`prev`), so edits, deletions, insertions and reordering are detectable.',
  });
export type LogExport = z.infer<typeof LogExport>;

export interface JsonExportOptions {
  /** SHA-256 of the log file's last line, as the verifier computed it. */
  headHash: string;
  /** Replace names and identifiers with pseudonyms. */
  redact?: boolean;
  /** Language of the pseudonyms ("Participant 1" / "Peserta 1"); English by default. */
  language?: ReportLanguage;
}

/**
 * Exports the log as one JSON document. Built as text, one entry per line, so 100,000 entries take
 * one `JSON.stringify` each and a single join, never a document-sized object graph.
 *
 * Pass the entries as `JSON.parse` read them from the file (validated, but not replaced by a
 * schema's parsed copy, which reorders and drops keys): then each entry serialises to exactly its
 * line and the document can be re-verified. `headHash` is the SHA-256 of the file's last line.
 */
export function exportJson(entries: readonly LogEntry[], options: JsonExportOptions): string {
  const redact = options.redact ?? false;
  const redactor = new Redactor(entries, { redact, language: options.language ?? 'en' });
  const head = JSON.stringify({
    schemaVersion: LOG_SCHEMA_VERSION,
    sessionId: entries[0]?.sessionId ?? '',
    headHash: options.headHash,
    redacted: redact,
  });
  const lines = entries.map((entry) => JSON.stringify(redactor.entry(entry)));
  return `${head.slice(0, -1)},"entries":[\n${lines.join(',\n')}\n]}\n`;
}

/** The published JSON Schema (draft 2020-12) of an exported log, generated from the zod schemas. */
export function logJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LogExport, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
