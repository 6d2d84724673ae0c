import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SavedQuery } from '../../../lib/saved-query-store';
import type { SavedQueriesState } from '../saved-queries-controller';
import {
  SavedQueriesSidebarView,
  suggestName,
  type SavedQueriesSidebarViewProps,
} from './saved-queries-sidebar';
import { splitTags } from './save-query-dialog';

const connection = {
  kind: 'kusto',
  clusterUrl: 'https://help.kusto.windows.net',
  database: 'Samples',
} as const;

function saved(id: string, name: string, folder?: string): SavedQuery {
  return { id, name, folder, tags: [], text: 'print 1', connection, createdAt: 1, updatedAt: 1 };
}

function render(state: Partial<SavedQueriesState>): string {
  const noop = () => Promise.resolve({ ok: true as const });
  const controller = {
    setSearch: () => {},
    setSort: () => {},
    save: noop,
    rename: noop,
    duplicate: noop,
    updateText: noop,
    remove: noop,
    undoDelete: noop,
    importFile: noop,
    exportFile: () => Promise.resolve(null),
    backupFile: () => Promise.resolve(null),
    dismissError: () => {},
    dismissNotice: () => {},
    dismissWarning: () => {},
    retry: () => Promise.resolve(),
  } satisfies SavedQueriesSidebarViewProps['controller'];
  return renderToStaticMarkup(
    <SavedQueriesSidebarView
      state={{
        status: 'ready',
        readOnly: false,
        queries: [],
        search: '',
        sort: 'name',
        warnings: [],
        error: null,
        notice: null,
        undo: null,
        ...state,
      }}
      controller={controller}
      current={{ text: 'StormEvents | count', connection }}
      onOpen={() => {}}
    />,
  );
}

describe('SavedQueriesSidebarView', () => {
  it('has the heading, the three actions and the sort toggle as real buttons', () => {
    const html = render({});
    expect(html).toContain('>Saved queries</h2>');
    for (const label of ['Save current query', 'Export', 'Import', 'Name', 'Last used']) {
      expect(html).toMatch(new RegExp(`<button[^>]*>${label}</button>`));
    }
    expect(html).toContain('aria-pressed="true">Name</button>');
    expect(html).toContain('No saved queries yet.');
  });

  it('groups by folder and renders names as text, never as markup', () => {
    const html = render({
      queries: [
        saved('1', '<img src=x onerror=alert(1)>'),
        saved('2', 'Floods', 'Weather'),
        saved('3', 'Heat', 'Weather'),
      ],
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('>Unfiled</h3>');
    expect(html).toContain('>Weather</h3>');
    expect(html).toContain('aria-label="Actions for Floods"');
    expect(html).toContain('help.kusto.windows.net · Samples');
  });

  it('shows store warnings with a backup download, errors, and the Undo bar', () => {
    const html = render({
      warnings: [
        {
          kind: 'store-set-aside',
          message: 'Your saved queries were stored by a newer version of Quarry.',
          backup: { kind: 'indexeddb', database: 'quarry-default-backup-x' },
          count: 3,
        },
      ],
      error: "Your browser's storage for this site is full: the change was not saved.",
      undo: saved('9', 'Gone'),
    });
    expect(html).toMatch(/role="alert"[^>]*>.*newer version of Quarry/);
    expect(html).toContain('>Download backup</button>');
    expect(html).toContain('storage for this site is full');
    expect(html).toContain('Deleted “Gone”.');
    expect(html).toContain('>Undo</button>');
  });

  it('says when nothing matches the search', () => {
    expect(render({ queries: [saved('1', 'a')], search: 'zzz' })).toContain(
      'No saved query matches “zzz”.',
    );
  });
});

describe('dialog helpers', () => {
  it('suggests a name from the first real line and splits tags on commas', () => {
    expect(suggestName('// comment\n\n  StormEvents | count\n| take 1')).toBe(
      'StormEvents | count',
    );
    expect(suggestName('x'.repeat(80))).toHaveLength(58);
    expect(splitTags(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});
