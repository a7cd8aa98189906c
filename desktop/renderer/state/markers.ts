/** Editor markers from the last run: the run's error and every test error that names a line. */
import type { RunState } from './workspace-state.js';

export interface EditorMarker {
  line: number;
  message: string;
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
  return markers;
}
