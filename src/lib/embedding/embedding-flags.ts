import { clusterUrlFromName } from '../share-link/cluster-name';
import { clusterPathParts } from '../share-link/share-link';
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
  /** `f-ShowConnectionButtons=false` hides Add cluster, Add app and Open a link. */
  showConnectionButtons: boolean;
  /** `f-ShowFileMenu=false` hides the file actions (saved queries' Export and Import). */
  showFileMenu: boolean;
  /** `f-ShowOpenNewWindowButton=true` shows "Open in new window" (Quarry, not framed). */
  showOpenNewWindowButton: boolean;
  /**
   * Inside a frame: `/clusters/<c>/databases/<d>` (path pinning, as the ADX embedding sample
   * does) or `cluster=` and `database=` pin the connection picker to this one. Both or neither.
   * Honoured only when the embedding page's origin is allowed (see main.tsx); outside a frame
   * the same address is a link, and a link asks before it connects.
   */
  pinned: { cluster: string; database: string } | null;
  /** `workspace=<key>`: keeps this instance's tabs and saved queries apart. 'default' otherwise. */
  workspace: string;
  /** Why the `workspace=` value was refused, shown instead of the workspace; null when fine. */
  workspaceProblem: string | null;
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
  // As ADX takes it: help, mycluster.westeurope, a host, a URL or a percent-encoded URL.
  const named = clusterUrlFromName(value);
  return named.ok ? named.url : null;
}

/** `/clusters/<c>/databases/<d>` in the page's path, as the ADX embedding sample loads it. */
function pathPin(pathname: string): { cluster: string; database: string } | null {
  const parts = clusterPathParts(pathname);
  return parts?.database ? { cluster: parts.cluster, database: parts.database } : null;
}

export function parseEmbeddingFlags(
  search: string,
  framed: boolean,
  pathname = '/',
): EmbeddingFlags {
  const params = new URLSearchParams(search);
  const fromPath = pathPin(pathname);
  const cluster = clusterOrigin(text(params, 'cluster') ?? fromPath?.cluster ?? null);
  const database = text(params, 'database') ?? fromPath?.database ?? null;
  const workspace = text(params, 'workspace');
  const workspaceOk = workspace === null || WORKSPACE_KEY.test(workspace);
  return {
    framed,
    // Host-provided tokens only make sense inside a frame with a parent to answer.
    iframeAuth: framed && flag(params, 'f-IFrameAuth', false),
    hideConnectionPane: flag(params, 'f-HideConnectionPane', false),
    showShareMenu: flag(params, 'f-ShowShareMenu', true),
    showPageHeader: flag(params, 'f-ShowPageHeader', true),
    useMeControl: flag(params, 'f-UseMeControl', true),
    showConnectionButtons: flag(params, 'f-ShowConnectionButtons', true),
    showFileMenu: flag(params, 'f-ShowFileMenu', true),
    showOpenNewWindowButton: flag(params, 'f-ShowOpenNewWindowButton', false),
    // Only a frame pins; a query in the address makes it a link (a new tab), not a pin.
    pinned: framed && cluster && database && !params.has('query') ? { cluster, database } : null,
    workspace: workspace !== null && workspaceOk ? workspace : DEFAULT_WORKSPACE,
    workspaceProblem: workspaceOk
      ? null
      : `The address asks for the workspace "${workspace}", which is not a valid workspace name: use 1–64 letters, digits, dots, dashes or underscores (a GUID works). Quarry did not open the default workspace instead, so that nothing is mixed into it. Fix the workspace= parameter and reload.`,
    hostOrigin: text(params, 'f-HostOrigin'),
  };
}

let parsed: EmbeddingFlags | null = null;

/** The flags of this page load, parsed once: later navigation (share links) must not change them. */
export function embeddingFlags(): EmbeddingFlags {
  parsed ??= parseEmbeddingFlags(
    window.location.search,
    window.self !== window.top,
    window.location.pathname,
  );
  return parsed;
}
