/**
 * Style rules for remote cursors, selections and name labels. y-monaco decorates a remote
 * selection with `yRemoteSelection-<clientId>` and its caret with `yRemoteSelectionHead-<clientId>`
 * (its documented approach leaves the colours to the app); these rules give each client its
 * colour and a label with its name.
 *
 * Names and colours come from another person's machine and go into a style sheet: colours must
 * be `#rrggbb` and every name character outside [A-Za-z0-9 ] is written as a CSS escape, so a
 * name cannot close the string or the rule.
 */
import { isSafeColor } from './peer-colors.js';

export interface RemoteCursor {
  clientId: number;
  name: string;
  color: string;
}

export function cssString(text: string): string {
  let out = '';
  for (const char of text) {
    out += /[A-Za-z0-9 ]/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `;
  }
  return `"${out}"`;
}

export function remoteCursorCss(cursors: readonly RemoteCursor[]): string {
  const rules: string[] = [];
  for (const { clientId, name, color } of cursors) {
    if (!Number.isSafeInteger(clientId) || clientId < 0 || !isSafeColor(color)) continue;
    rules.push(
      `.yRemoteSelection-${clientId} { background-color: ${color}33; }`,
      `.yRemoteSelectionHead-${clientId} { border-color: ${color}; }`,
      `.yRemoteSelectionHead-${clientId}::after { content: ${cssString(name.slice(0, 40))}; background-color: ${color}; }`,
    );
  }
  return rules.join('\n');
}
