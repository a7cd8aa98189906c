/**
 * Monaco, loaded once with Vite-bundled workers (no CDN, no eval: the CSP allows only our own
 * scripts and blob: workers). JavaScript gets the TypeScript worker for completions and
 * diagnostics; Python and the rest use the plain editor worker.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TypeScriptWorker();
    return new EditorWorker();
  },
};

/** Colours follow the app's palette (styles/theme.css) so the editor does not look pasted in. */
monaco.editor.defineTheme('pairjudge-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#a3a7b0',
    'editorLineNumber.activeForeground': '#4b5060',
    'editor.lineHighlightBackground': '#f4f5f8',
    'editorGutter.background': '#ffffff',
  },
});
monaco.editor.defineTheme('pairjudge-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#1b1d23',
    'editorLineNumber.foreground': '#565b68',
    'editorLineNumber.activeForeground': '#b4b9c6',
    'editor.lineHighlightBackground': '#22252c',
    'editorGutter.background': '#1b1d23',
  },
});

// Starter code calls functions the checker cannot see (the harness calls them); keep the
// JavaScript diagnostics to syntax so the editor does not flag correct solutions.
monaco.typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

export { monaco };
export type Monaco = typeof monaco;
