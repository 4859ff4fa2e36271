import Papa from 'papaparse';
import type { ExpectedAttendee } from './attendees';

/** Largest attendee list accepted, in characters: a generous bound against pasted garbage. */
export const MAX_ATTENDEE_CSV = 5_000_000;
const MAX_ROWS = 50_000;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  message: string;
}

export type CsvImport = { ok: true; attendees: ExpectedAttendee[] } | { ok: false; problems: CsvProblem[] };

/** Header names accepted for each column, in English and Indonesian. */
const COLUMNS: Readonly<Record<'name' | 'email' | 'organisation' | 'role', readonly string[]>> = {
  name: ['name', 'nama', 'full name', 'nama lengkap'],
  email: ['email', 'e-mail', 'surel'],
  organisation: ['organisation', 'organization', 'organisasi', 'instansi', 'institution'],
  role: ['role', 'peran', 'jabatan', 'position'],
};

/**
 * Parses an expected-attendee list: CSV with a header naming at least the name column (email,
 * organisation and role are optional). Every malformed row is reported with its line and what is
 * wrong, and then nothing is imported: a list is taken whole or not at all.
 */
export function parseAttendeeCsv(text: string): CsvImport {
  if (text.length > MAX_ATTENDEE_CSV)
    return { ok: false, problems: [{ line: 0, message: `The file is larger than ${MAX_ATTENDEE_CSV / 1_000_000} MB.` }] };
  const source = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: 'greedy' });
  const problems: CsvProblem[] = parsed.errors.slice(0, 50).map((e) => ({ line: (e.row ?? 0) + 1, message: `CSV: ${e.message}` }));
  const [header, ...rows] = parsed.data;
  if (!header) return { ok: false, problems: [{ line: 1, message: 'The file is empty.' }] };
  const columns = header.map((h) => h.trim().toLowerCase());
  const find = (key: keyof typeof COLUMNS): number => columns.findIndex((c) => COLUMNS[key].includes(c));
  const at = { name: find('name'), email: find('email'), organisation: find('organisation'), role: find('role') };
  if (at.name < 0) return { ok: false, problems: [{ line: 1, message: 'The header has no "name" column (accepted: name, nama).' }] };
  if (rows.length > MAX_ROWS) return { ok: false, problems: [{ line: 0, message: `More than ${MAX_ROWS} rows.` }] };
  const attendees: ExpectedAttendee[] = [];
  const seenEmails = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.length !== header.length) problems.push({ line, message: `Expected ${header.length} columns, found ${row.length}.` });
    const cell = (index: number): string => (index >= 0 ? (row[index] ?? '').trim() : '');
    const name = cell(at.name);
    const email = cell(at.email);
    if (!name) problems.push({ line, message: 'The name is empty.' });
    else if (name.length > 300) problems.push({ line, message: 'The name is longer than 300 characters.' });
    if (email && !EMAIL.test(email)) problems.push({ line, message: `"${email.slice(0, 80)}" is not an email address.` });
    if (email) {
      const first = seenEmails.get(email.toLowerCase());
      if (first !== undefined) problems.push({ line, message: `The email ${email.slice(0, 80)} is already on line ${first}.` });
      else seenEmails.set(email.toLowerCase(), line);
    }
    const organisation = cell(at.organisation);
    const role = cell(at.role);
    attendees.push({
      id: `a${line}`,
      name: name.slice(0, 300),
      ...(email ? { email: email.slice(0, 320) } : {}),
      ...(organisation ? { organisation: organisation.slice(0, 300) } : {}),
      ...(role ? { role: role.slice(0, 100) } : {}),
    });
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 200) };
  if (attendees.length === 0) return { ok: false, problems: [{ line: 2, message: 'The file has a header but no attendees.' }] };
  return { ok: true, attendees };
}
