import { describe, expect, it } from 'vitest';
import { FOCUS_RECOVERY_MS, keepCellFocus, type FocusKeeperPage } from './grid-focus-keeper';

/** A cell element: in the page until removed; `closest` finds its own role. */
class FakeCell {
  isConnected = true;
  focusCalls = 0;
  constructor(
    private readonly page: FakePage,
    private readonly role = 'gridcell',
  ) {}
  closest(selector: string) {
    return selector === `[role="${this.role}"]` ? this : null;
  }
  focus() {
    this.focusCalls += 1;
    this.page.active = this;
  }
}

class FakePage implements FocusKeeperPage {
  body = { body: true };
  active: unknown = this.body;
  time = 0;
  private frames = new Map<number, () => void>();
  private nextHandle = 1;
  activeElement() {
    return this.active;
  }
  nextFrame(callback: () => void) {
    const handle = this.nextHandle++;
    this.frames.set(handle, callback);
    return handle;
  }
  cancelFrame(handle: number) {
    this.frames.delete(handle);
  }
  now() {
    return this.time;
  }
  /** Runs one animation frame, 16 ms later. */
  frame() {
    this.time += 16;
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const callback of due) callback();
  }
  get pendingFrames() {
    return this.frames.size;
  }
}

class FakeContainer {
  listener: ((event: { target: unknown; relatedTarget: unknown }) => void) | null = null;
  addEventListener(_type: 'focusout', listener: NonNullable<FakeContainer['listener']>) {
    this.listener = listener;
  }
  removeEventListener() {
    this.listener = null;
  }
  /** The browser's focusout as the focused element goes (it fires before the removal). */
  loseFocus(target: unknown, relatedTarget: unknown = null) {
    this.listener?.({ target, relatedTarget });
  }
}

function setUp() {
  const page = new FakePage();
  const container = new FakeContainer();
  let drawn: FakeCell | null = null;
  const stop = keepCellFocus(container, () => drawn, page);
  const old = new FakeCell(page);
  page.active = old;
  return {
    page,
    container,
    old,
    stop,
    draw: (cell: FakeCell | null) => (drawn = cell),
  };
}

/** AG Grid removes the focused cell's row: focus drops to the body. */
function removeFocused({ page, container, old }: ReturnType<typeof setUp>) {
  container.loseFocus(old);
  old.isConnected = false;
  page.active = page.body;
}

describe('keepCellFocus', () => {
  it('focuses the redrawn cell once it exists', () => {
    const t = setUp();
    removeFocused(t);
    t.page.frame();
    t.page.frame(); // not drawn yet: keeps looking
    expect(t.page.active).toBe(t.page.body);
    const redrawn = new FakeCell(t.page);
    t.draw(redrawn);
    t.page.frame();
    expect(t.page.active).toBe(redrawn);
    expect(redrawn.focusCalls).toBe(1);
    expect(t.page.pendingFrames).toBe(0);
  });

  it('leaves the focus alone when the user clicked away (the cell is still in the page)', () => {
    const t = setUp();
    const redrawn = new FakeCell(t.page);
    t.draw(redrawn);
    t.container.loseFocus(t.old);
    t.page.active = t.page.body;
    t.page.frame();
    expect(redrawn.focusCalls).toBe(0);
    expect(t.page.pendingFrames).toBe(0);
  });

  it('leaves the focus alone when it moved to another element', () => {
    const t = setUp();
    const redrawn = new FakeCell(t.page);
    t.draw(redrawn);
    const searchBox = { searchBox: true };
    t.container.loseFocus(t.old, searchBox);
    t.old.isConnected = false;
    t.page.active = searchBox;
    t.page.frame();
    expect(redrawn.focusCalls).toBe(0);
  });

  it('stops if something else takes the focus while it waits', () => {
    const t = setUp();
    removeFocused(t);
    t.page.frame();
    const editor = { editor: true };
    t.page.active = editor;
    const redrawn = new FakeCell(t.page);
    t.draw(redrawn);
    t.page.frame();
    expect(redrawn.focusCalls).toBe(0);
    expect(t.page.active).toBe(editor);
  });

  it('ignores elements that are not cells (a header, a menu)', () => {
    const t = setUp();
    const header = new FakeCell(t.page, 'columnheader');
    t.draw(new FakeCell(t.page));
    t.container.loseFocus(header);
    header.isConnected = false;
    expect(t.page.pendingFrames).toBe(0);
  });

  it('gives up after the recovery time', () => {
    const t = setUp();
    removeFocused(t);
    const frames = Math.ceil(FOCUS_RECOVERY_MS / 16) + 1;
    for (let i = 0; i < frames; i++) t.page.frame();
    expect(t.page.pendingFrames).toBe(0);
    const redrawn = new FakeCell(t.page);
    t.draw(redrawn);
    t.page.frame();
    expect(redrawn.focusCalls).toBe(0);
  });

  it('stops watching when stopped', () => {
    const t = setUp();
    removeFocused(t);
    t.stop();
    expect(t.page.pendingFrames).toBe(0);
    expect(t.container.listener).toBeNull();
  });
});
