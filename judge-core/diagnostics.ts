/**
 * Type checker messages from a harness report (TypeScript), checked before they reach a result.
 * The report comes out of the sandbox, so its diagnostics are data to validate like any other:
 * only whole positive positions and text are kept, bounded in number and length. They never
 * change the verdict; they are shown beside it (the app marks their lines as warnings).
 */
import type { Diagnostic } from '../protocol/index.js';

/** The result schema's bound (protocol/submission.ts). */
export const MAX_DIAGNOSTICS = 50;
const MAX_MESSAGE = 1000;

/** The well-formed diagnostics of a report's `diagnostics` field (report-frame.ts reads it). */
export function cleanDiagnostics(raw: unknown): Diagnostic[] {
  if (!Array.isArray(raw)) return [];
  const kept: Diagnostic[] = [];
  for (const item of raw as unknown[]) {
    if (kept.length >= MAX_DIAGNOSTICS) break;
    if (typeof item !== 'object' || item === null) continue;
    const { line, column, message } = item as Record<string, unknown>;
    if (!isPosition(line) || !isPosition(column) || typeof message !== 'string') continue;
    kept.push({ line, column, message: message.slice(0, MAX_MESSAGE) });
  }
  return kept;
}

function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
