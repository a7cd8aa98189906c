/**
 * Editor markers from the last run: the run's error and every test error that names a line, then
 * the type checker's diagnostics (TypeScript) as warnings, since they do not fail the run.
 */
import type { RunState } from './workspace-state.js';

export interface EditorMarker {
  line: number;
  message: string;
  /** Where the marker starts on its line (1-based); the line's first character when absent. */
  column?: number;
  /** Errors failed the run; warnings are type errors that did not. */
  severity?: 'warning';
}

export function markersFor(run: RunState, language: string): EditorMarker[] {
  if (run.status !== 'done' || run.language !== language) return [];
  const markers: EditorMarker[] = [];
  const { error, tests } = run.result;
  if (error?.line !== undefined) markers.push({ line: error.line, message: error.message });
  for (const test of tests) {
    // One marker per line: the same throw usually fails every test at the same place.
    if (test.line === undefined || !test.error || markers.some((marker) => marker.line === test.line)) continue;
    markers.push({ line: test.line, message: `${test.name}: ${test.error}` });
  }
  for (const diagnostic of run.result.diagnostics ?? []) {
    markers.push({ line: diagnostic.line, column: diagnostic.column, message: diagnostic.message, severity: 'warning' });
  }
  return markers;
}
