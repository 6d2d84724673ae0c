/**
 * Monaco with only what a KQL box needs: the editor API plus the contributions below, instead
 * of `monaco-editor` (every language and every contribution). Importing this module registers
 * the `kusto` language (monaco-kusto) and tells Monaco how to start its workers.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
// Typing and editing basics.
import 'monaco-editor/esm/vs/editor/browser/coreCommands';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor';
// Language features monaco-kusto provides.
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hover';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController';
// Suggest and hover show codicons; the strings give the accessibility help its words.
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings';
import { getKustoWorker, kustoDefaults } from '@kusto/monaco-kusto';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import KustoWorker from './kusto-language.worker?worker';

type WorkerProblemListener = (message: string) => void;
const workerProblemListeners = new Set<WorkerProblemListener>();

/** Hears when a worker fails to start (a blocked script, a crash while loading). */
export function onWorkerProblem(listener: WorkerProblemListener): () => void {
  workerProblemListeners.add(listener);
  return () => workerProblemListeners.delete(listener);
}

function watched(worker: Worker, name: string): Worker {
  worker.addEventListener('error', (event) => {
    const reason = event.message || 'the worker script did not load';
    for (const listener of workerProblemListeners) listener(`${name} failed: ${reason}`);
  });
  return worker;
}

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) =>
    label === 'kusto'
      ? watched(new KustoWorker(), 'The KQL language service')
      : watched(new EditorWorker(), 'The editor worker'),
};

kustoDefaults.setLanguageSettings({
  ...kustoDefaults.languageSettings,
  // Monarch tokens colour the text at once; the worker's semantic colouring follows once it
  // has loaded (about 1.25 MB gzip) and knows the schema.
  useTokenColorization: true,
  useSemanticColorization: true,
});

export { monaco, getKustoWorker };
