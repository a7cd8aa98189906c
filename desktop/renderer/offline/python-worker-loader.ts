/**
 * Python workers for local Runs in the browser guest. Loading Pyodide takes seconds, and a worker
 * that ran someone's code is never reused (the code may have changed anything in it), so after
 * each Python Run a fresh worker starts loading in the background: the next Run finds Python
 * ready. Only a guest that has run Python locally keeps one waiting.
 */
import { pyodideIndexUrl, pythonWorkerSource } from './python-worker-harness.js';

/** Loading Pyodide past this is a failure to load, not a verdict on the code. */
const LOAD_TIMEOUT_MS = 90_000;

export interface LoadingWorker {
  worker: Worker;
  /** Resolves with undefined once Python is loaded and the network is gone, or with why it failed. */
  ready: Promise<string | undefined>;
  dispose: () => void;
}

let spare: LoadingWorker | undefined;

function startPythonWorker(): LoadingWorker {
  const url = URL.createObjectURL(new Blob([pythonWorkerSource()], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  const dispose = () => {
    worker.terminate();
    URL.revokeObjectURL(url);
  };
  const ready = new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(`Python did not load within ${LOAD_TIMEOUT_MS / 1000} s`), LOAD_TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<{ type: string; message?: string }>) => {
      if (event.data.type !== 'ready' && event.data.type !== 'load-failed') return;
      clearTimeout(timer);
      resolve(event.data.type === 'ready' ? undefined : (event.data.message ?? 'Python failed to load'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(event.message || 'the Python worker failed');
    };
  });
  worker.postMessage({ type: 'load', indexURL: pyodideIndexUrl() });
  return { worker, ready, dispose };
}

/** A worker loading (or done loading) Python, all the caller's; a fresh one starts behind it. */
export function takePythonWorker(): LoadingWorker {
  const taken = spare ?? startPythonWorker();
  spare = undefined;
  // Only once this one has loaded: a runtime that cannot load is not retried in the background.
  void taken.ready.then((failure) => {
    if (failure === undefined && !spare) spare = startPythonWorker();
  });
  return taken;
}
