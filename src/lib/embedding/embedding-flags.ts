/**
 * The `f-` flags and parameters an embedding page puts in Quarry's URL, named like the Azure
 * Data Explorer web UI's so a portal written for ADX can embed Quarry the same way.
 */
export interface EmbeddingFlags {
  /** True when Quarry runs inside a frame (any frame, flags or not). */
  framed: boolean;
  /** `f-IFrameAuth=true`: the host page provides tokens; Quarry never signs in itself. */
  iframeAuth: boolean;
  /** `f-HideConnectionPane=true` */
  hideConnectionPane: boolean;
  /** `f-ShowShareMenu=false` hides the share menu. */
  showShareMenu: boolean;
  /** `f-ShowPageHeader=false` hides the page header. */
  showPageHeader: boolean;
  /** `f-UseMeControl=false` hides the account control. */
  useMeControl: boolean;
  /** `cluster=` and `database=`: pin the connection picker to this one. Both or neither. */
  pinned: { cluster: string; database: string } | null;
  /** `workspace=<key>`: keeps this instance's tabs and saved queries apart. 'default' otherwise. */
  workspace: string;
  /** `f-HostOrigin=`: the embedding page's origin, when the referrer does not tell it. */
  hostOrigin: string | null;
}

export const DEFAULT_WORKSPACE = 'default';

/** A workspace key becomes part of storage keys: keep it short and plain. */
const WORKSPACE_KEY = /^[A-Za-z0-9._-]{1,64}$/;

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  // ADX reads its flags case-insensitively; so do we, for names and values.
  const wanted = name.toLowerCase();
  for (const [key, value] of params) {
    if (key.toLowerCase() !== wanted) continue;
    const normalized = value.trim().toLowerCase();
    if (normalized === 'true' || normalized === '') return true;
    if (normalized === 'false') return false;
  }
  return fallback;
}

function text(params: URLSearchParams, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of params) {
    if (key.toLowerCase() === wanted && value.trim() !== '') return value.trim();
  }
  return null;
}

function clusterOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    // ADX accepts "help" or "help.kusto.windows.net" as well; we want a full URL to avoid guessing.
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function parseEmbeddingFlags(search: string, framed: boolean): EmbeddingFlags {
  const params = new URLSearchParams(search);
  const cluster = clusterOrigin(text(params, 'cluster'));
  const database = text(params, 'database');
  const workspace = text(params, 'workspace');
  return {
    framed,
    // Host-provided tokens only make sense inside a frame with a parent to answer.
    iframeAuth: framed && flag(params, 'f-IFrameAuth', false),
    hideConnectionPane: flag(params, 'f-HideConnectionPane', false),
    showShareMenu: flag(params, 'f-ShowShareMenu', true),
    showPageHeader: flag(params, 'f-ShowPageHeader', true),
    useMeControl: flag(params, 'f-UseMeControl', true),
    // A share link carries cluster/database too, with a query: it opens a tab, it does not pin.
    pinned: cluster && database && !params.has('query') ? { cluster, database } : null,
    workspace: workspace && WORKSPACE_KEY.test(workspace) ? workspace : DEFAULT_WORKSPACE,
    hostOrigin: text(params, 'f-HostOrigin'),
  };
}

let parsed: EmbeddingFlags | null = null;

/** The flags of this page load, parsed once: later navigation (share links) must not change them. */
export function embeddingFlags(): EmbeddingFlags {
  parsed ??= parseEmbeddingFlags(window.location.search, window.self !== window.top);
  return parsed;
}
