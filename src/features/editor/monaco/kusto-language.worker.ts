// Entry of the Kusto language-service worker: the shim first, so `global` exists when the
// Bridge.NET runtime evaluates.
import './worker-global-shim';
import '@kusto/monaco-kusto/release/esm/kusto.worker';
