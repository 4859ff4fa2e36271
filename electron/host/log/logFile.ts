import { open, type FileHandle } from 'node:fs/promises';

/**
 * The few file operations the log writer uses. Positions are explicit (the file is never opened in
 * append mode) so a group that failed part way can be cut off, by truncating back to where it
 * started, and written again at the same place: a failed write never leaves a torn line mid-file.
 */
export interface LogFile {
  /** Writes `data` at `position`; like write(2) it may write only part of it (the count is returned). */
  write(data: Uint8Array, position: number): Promise<number>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Wraps the real file. The host passes one down in tests to slow, block or fail the disk; the
 * writer always works on what the wrapper returns.
 */
export type LogFileWrapper = (file: LogFile) => LogFile;

/** Opens a session file: `create` makes a new one (never overwriting), `resume` reopens one to append to. */
export async function openLogFile(path: string, how: 'create' | 'resume'): Promise<LogFile> {
  // 'wx': a session file is never overwritten; 'r+': an existing one is written at explicit positions.
  const handle = await open(path, how === 'create' ? 'wx' : 'r+', 0o600);
  return fileOf(handle);
}

function fileOf(handle: FileHandle): LogFile {
  return {
    write: async (data, position) => (await handle.write(data, 0, data.length, position)).bytesWritten,
    sync: () => handle.sync(),
    truncate: (length) => handle.truncate(length),
    size: async () => (await handle.stat()).size,
    close: () => handle.close(),
  };
}
