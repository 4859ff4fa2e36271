import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../chain';
import { exportJson, LogExport, logJsonSchema } from './json';
import { generateLog } from './testing/generateLog';
import { storyLog } from './testing/storyLog';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SCHEMA_FILE = join(import.meta.dirname, '../../../docs/incident-log.schema.json');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
}

describe('JSON export', () => {
  it('publishes the schema the code generates (run with UPDATE_LOG_SCHEMA=1 to rewrite docs/incident-log.schema.json)', () => {
    const generated = logJsonSchema();
    if (process.env['UPDATE_LOG_SCHEMA'] === '1') writeFileSync(SCHEMA_FILE, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('exports a document that validates against the published schema, redacted or not', () => {
    const validate = validator();
    const entries = storyLog(sha).entries;
    for (const redact of [false, true]) {
      const doc: unknown = JSON.parse(exportJson(entries, { headHash: sha('head'), redact }));
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(LogExport.safeParse(doc).success).toBe(true);
    }
  });

  // Compiling the schema (one branch per entry kind) and validating 5,000 entries takes seconds on a loaded machine.
  it('validates a long generated log too, and the schema rejects a document that is not a log', () => {
    const validate = validator();
    const { log } = generateLog(5_000, sha, 3);
    const doc = JSON.parse(exportJson(log.entries, { headHash: log.headHash })) as { entries: Record<string, unknown>[] };
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const withoutPrev = structuredClone(doc);
    delete withoutPrev.entries[3]?.['prev'];
    expect(validate(withoutPrev)).toBe(false);
    const unknownKind = structuredClone(doc);
    (unknownKind.entries[3] as { kind: string }).kind = 'participant.teleported';
    expect(validate(unknownKind)).toBe(false);
  }, 30_000);

  it('keeps every entry byte for byte, so the chain can be checked again from the document alone', () => {
    const log = storyLog(sha);
    const text = exportJson(log.entries, { headHash: log.headHash });
    const doc = JSON.parse(text) as { headHash: string; sessionId: string; schemaVersion: number; redacted: boolean; entries: unknown[] };
    expect(doc).toMatchObject({ headHash: log.headHash, sessionId: log.entries[0]?.sessionId, schemaVersion: 1, redacted: false });
    const lines = doc.entries.map((e) => JSON.stringify(e));
    expect(lines).toEqual(log.lines);
    expect(verifyChain(lines, sha)).toMatchObject({ ok: true, entries: log.entries.length, headHash: log.headHash });
  });

  it('says when a copy is redacted', () => {
    const log = storyLog(sha);
    const doc = JSON.parse(exportJson(log.entries, { headHash: log.headHash, redact: true })) as { redacted: boolean };
    expect(doc.redacted).toBe(true);
  });
});
