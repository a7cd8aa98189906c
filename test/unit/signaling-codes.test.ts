import { describe, expect, it } from 'vitest';
import {
  ROOM_CODE_ALPHABET,
  ROOM_CODE_BITS,
  generatePeerId,
  generateRoomCode,
  isRoomCode,
  normalizeRoomCode,
} from '../../protocol/signaling.js';

describe('room codes', () => {
  it('are three dashed groups of four characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateRoomCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(isRoomCode(code)).toBe(true);
    }
  });

  it('never use 0, O, 1, I or L', () => {
    for (const ch of '0O1IL') expect(ROOM_CODE_ALPHABET).not.toContain(ch);
    const all = Array.from({ length: 500 }, () => generateRoomCode()).join('');
    expect(all).not.toMatch(/[01OIL]/);
  });

  it('carry at least 50 bits of entropy', () => {
    expect(ROOM_CODE_BITS).toBeGreaterThanOrEqual(50);
  });

  it('draw every alphabet character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const n = 3000;
    for (let i = 0; i < n; i++) for (const ch of generateRoomCode().replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(ROOM_CODE_ALPHABET.length);
    const expected = (n * 12) / ROOM_CODE_ALPHABET.length;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('discard random bytes that would bias the draw', () => {
    // 255 is above the largest multiple of 31 (248) and must be skipped, 0 maps to "2".
    const bytes = [255, 254, 248, ...Array(40).fill(0)];
    const code = generateRoomCode((length) => Uint8Array.from(bytes.splice(0, length)));
    expect(code).toBe('2222-2222-2222');
  });

  it('are unique across many draws', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateRoomCode()));
    expect(codes.size).toBe(5000);
  });
});

describe('normalizeRoomCode', () => {
  it('accepts lower case, spaces and missing or extra dashes', () => {
    expect(normalizeRoomCode('k7qx-m3pd-9tzr')).toBe('K7QX-M3PD-9TZR');
    expect(normalizeRoomCode(' K7QX M3PD 9TZR ')).toBe('K7QX-M3PD-9TZR');
    expect(normalizeRoomCode('K7QXM3PD9TZR')).toBe('K7QX-M3PD-9TZR');
    expect(normalizeRoomCode('k7q-xm3p-d9tzr')).toBe('K7QX-M3PD-9TZR');
    expect(normalizeRoomCode('K7QX--M3PD--9TZR\n')).toBe('K7QX-M3PD-9TZR');
  });

  it('refuses wrong lengths and characters outside the alphabet', () => {
    expect(normalizeRoomCode('')).toBeNull();
    expect(normalizeRoomCode('K7QX-M3PD')).toBeNull();
    expect(normalizeRoomCode('K7QX-M3PD-9TZR-A')).toBeNull();
    expect(normalizeRoomCode('K7QX-M3PD-9TZ0')).toBeNull();
    expect(normalizeRoomCode('K7QX-M3PD-9TZO')).toBeNull();
    expect(normalizeRoomCode('K7QX-M3PD-9TZ!')).toBeNull();
  });
});

describe('peer ids', () => {
  it('are 16 lower-case hex digits and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => generatePeerId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});
