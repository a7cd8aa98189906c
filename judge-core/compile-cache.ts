/**
 * Compiled artefacts by the hash of what made them (the toolchain's id, the compile command with its
 * flags, every source file), so that a Run followed by a Submit of the same code compiles once.
 * Bounded in entries and bytes; the least recently used go first. Only successful builds are kept:
 * a compile error is cheap to get again and should never outlive a toolchain fix.
 */
import { createHash } from 'node:crypto';
import type { SourceFile } from './sandbox.js';

export interface CompileCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

export function compileKey(language: string, toolchain: string, command: string[], files: SourceFile[]): string {
  const hash = createHash('sha256');
  // Length-prefixed parts: no two different inputs hash the same text.
  for (const part of [language, toolchain, ...command, '\0files', ...files.flatMap((file) => [file.name, file.text])]) {
    hash.update(`${Buffer.byteLength(part)}:`).update(part);
  }
  return hash.digest('hex');
}

export class CompileCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: CompileCacheOptions = { maxEntries: 64, maxBytes: 128 * 1024 * 1024 }) {}

  get(key: string): Buffer | undefined {
    const artefact = this.entries.get(key);
    if (!artefact) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, artefact);
    return artefact;
  }

  set(key: string, artefact: Buffer): void {
    if (artefact.length > this.options.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, artefact);
    this.bytes += artefact.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
