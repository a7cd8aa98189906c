/**
 * The Monaco editor of the workspace. It keeps one model per challenge and language (so undo
 * history survives a language switch), mirrors edits into the workspace store, shows error
 * markers from the last run, and binds the run/submit shortcuts.
 *
 * `onEditorReady(editor, monaco)` is the seam for live pairing: a Yjs binding can attach to the
 * editor's models without this component knowing about it.
 */
import { useEffect, useRef } from 'react';
import { LANGUAGES, isLanguageId } from '../../../protocol/index.js';
import type { EditorMarker } from '../state/markers.js';
import { isModelBound } from './bound-models.js';
import { monaco, type Monaco } from './monaco-setup.js';

export interface CodeEditorProps {
  /** Identifies the model, e.g. "two-sum/javascript". */
  modelKey: string;
  language: string;
  value: string;
  theme: 'light' | 'dark';
  markers: EditorMarker[];
  onChange(value: string): void;
  onRun(): void;
  onSubmit(): void;
  onEditorReady?(editor: monaco.editor.IStandaloneCodeEditor, monacoNamespace: Monaco): void;
}

const MARKER_OWNER = 'pairjudge';

function modelUri(key: string, language: string): monaco.Uri {
  const extension = isLanguageId(language) ? LANGUAGES[language].extension : 'txt';
  return monaco.Uri.parse(`inmemory://pairjudge/${key}/solution.${extension}`);
}

/** Monaco's mode for a judge language (the registry says which; Monaco ships them all). */
function editorMode(language: string): string {
  return isLanguageId(language) ? LANGUAGES[language].editorLanguage : 'plaintext';
}

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Handlers change every render; the editor's commands read the latest through this ref.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      lineHeight: 21,
      fontFamily: "'JetBrains Mono', 'Fira Code', ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      tabSize: 4,
      padding: { top: 12, bottom: 12 },
      renderLineHighlight: 'line',
      smoothScrolling: true,
      fixedOverflowWidgets: true,
      ariaLabel: 'Solution code',
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => latest.current.onSubmit());
    const subscription = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      // Markers describe the code that was judged; once it changes they would point at the wrong text.
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      latest.current.onChange(model.getValue());
    });
    latest.current.onEditorReady?.(editor, monaco);
    return () => {
      subscription.dispose();
      editor.dispose();
      editorRef.current = null;
      for (const model of monaco.editor.getModels()) {
        if (model.uri.scheme === 'inmemory' && model.uri.authority === 'pairjudge') model.dispose();
      }
    };
  }, []);

  // Switch to (or create) the model of this challenge and language.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const uri = modelUri(props.modelKey, props.language);
    let model = monaco.editor.getModel(uri);
    if (!model) model = monaco.editor.createModel(latest.current.value, editorMode(props.language), uri);
    if (editor.getModel() !== model) editor.setModel(model);
  }, [props.modelKey, props.language]);

  // Edits from elsewhere (reset to starter) reach the model as one undoable edit. A model bound to
  // a pairing room takes its text from the room only (bound-models.ts).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || isModelBound(model) || model.getValue() === props.value) return;
    // Stack elements on both sides: the replacement is one undo step of its own, never merged
    // with the typing before or after it.
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: props.value }], () => null);
    model.pushStackElement();
  }, [props.value, props.modelKey, props.language]);

  useEffect(() => {
    monaco.editor.setTheme(props.theme === 'dark' ? 'pairjudge-dark' : 'pairjudge-light');
  }, [props.theme]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const lineCount = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      props.markers
        .filter((marker) => marker.line >= 1 && marker.line <= lineCount)
        .map((marker) => ({
          severity: marker.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
          message: marker.message,
          startLineNumber: marker.line,
          endLineNumber: marker.line,
          startColumn: Math.min(marker.column ?? (model.getLineFirstNonWhitespaceColumn(marker.line) || 1), model.getLineMaxColumn(marker.line)),
          endColumn: model.getLineMaxColumn(marker.line),
        })),
    );
  }, [props.markers, props.modelKey, props.language]);

  return <div className="code-editor" ref={host} data-testid="code-editor" />;
}
