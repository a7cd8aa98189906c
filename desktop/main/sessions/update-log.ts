/**
 * An append-only file of records, the on-disk form of one session's Yjs updates.
 *
 * Record: [u32 LE payload length][u32 LE crc32 of the payload][payload]. An append resolves only
 * after the bytes are written and fsync'd, so an acknowledged update survives a crash or a power
 * cut. A crash mid-append leaves a torn or garbled tail record: opening keeps every whole record
 * before it and truncates the tail (never the file), so at most the unacknowledged last update
 * is lost.
 *
 * Compaction replaces the records with one (the merged state): written to a temporary file,
 * fsync'd, renamed over the log, and the folder fsync'd, so a crash leaves either the old log or
 * the new one, never a mix.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, ftruncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 8;
/** A record larger than this is not an update of ours: the header is garbage, the tail is cut there. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface ReadRecords {
  records: Uint8Array[];
  /** Bytes of whole, checked records; anything after this was a torn or garbled tail. */
  validBytes: number;
  /** Bytes that followed the last good record (0 when the file ended cleanly). */
  droppedBytes: number;
}

/** Parses a log's bytes: every whole record whose checksum matches, up to the first bad one. */
export function parseRecords(bytes: Uint8Array): ReadRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= bytes.byteLength) {
    const length = view.getUint32(offset, true);
    const checksum = view.getUint32(offset + 4, true);
    const end = offset + HEADER_BYTES + length;
    if (length > MAX_RECORD_BYTES || end > bytes.byteLength) break;
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) >>> 0 !== checksum) break;
    records.push(new Uint8Array(payload));
    offset = end;
  }
  return { records, validBytes: offset, droppedBytes: bytes.byteLength - offset };
}

export function encodeRecord(payload: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  record.writeUInt32LE(payload.byteLength, 0);
  record.writeUInt32LE(crc32(payload) >>> 0, 4);
  record.set(payload, HEADER_BYTES);
  return record;
}

function fsyncDirectory(dir: string): void {
  // Makes a rename durable. Some platforms (Windows) cannot open a folder: the rename still happened.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort, see above.
  }
}

/** Replaces `file` with `bytes` atomically: temp file, fsync, rename, fsync of the folder. */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  fsyncDirectory(dirname(file));
}

/** Writes a log holding exactly `records`, atomically. */
export function writeRecordsAtomically(file: string, records: Uint8Array[]): void {
  writeFileAtomically(file, Buffer.concat(records.map(encodeRecord)));
}

export class UpdateLog {
  private handle: FileHandle | null = null;
  /** Appends and compactions run one at a time, in call order. */
  private queue: Promise<unknown> = Promise.resolve();
  private count: number;
  private closed = false;

  private constructor(
    readonly file: string,
    records: number,
  ) {
    this.count = records;
  }

  /**
   * Opens (or creates) the log at `file` and reads its records. A torn or garbled tail is cut off
   * the file here, so the next append starts on a record boundary.
   */
  static open(file: string): { log: UpdateLog; records: Uint8Array[]; droppedBytes: number } {
    mkdirSync(dirname(file), { recursive: true });
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      bytes = new Uint8Array(0);
    }
    const parsed = parseRecords(bytes);
    if (parsed.droppedBytes > 0) {
      const fd = openSync(file, 'r+');
      try {
        ftruncateSync(fd, parsed.validBytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return { log: new UpdateLog(file, parsed.records.length), records: parsed.records, droppedBytes: parsed.droppedBytes };
  }

  /** Records in the file (after the last compaction, plus appends since). */
  get records(): number {
    return this.count;
  }

  /** Appends one record; resolves once it is on disk (written and fsync'd). */
  append(payload: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const handle = await this.fileHandle();
      const record = encodeRecord(payload);
      let written = 0;
      while (written < record.byteLength) {
        const { bytesWritten } = await handle.write(record, written, record.byteLength - written);
        written += bytesWritten;
      }
      await handle.datasync();
      this.count++;
    });
  }

  /** Replaces every record with `merged` (one record), atomically. */
  compact(merged: Uint8Array): Promise<void> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
      writeRecordsAtomically(this.file, [merged]);
      this.count = 1;
    });
  }

  /** Waits for pending writes, then closes the file. */
  close(): Promise<void> {
    const done = this.serial(async () => {
      this.closed = true;
      await this.handle?.close();
      this.handle = null;
    });
    return done;
  }

  private async fileHandle(): Promise<FileHandle> {
    if (this.closed) throw new Error(`the update log ${this.file} is closed`);
    this.handle ??= await open(this.file, 'a', 0o600);
    return this.handle;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    // The chain must go on after a failure; the caller sees the failure through `next`.
    this.queue = next.catch(() => undefined);
    return next;
  }
}
