/**
 * A lightweight spreadsheet grid over one sheet of the in-memory workbook: column letters, row
 * numbers, click / drag / shift-click to select (the selection is the workbook's, which the task
 * pane reads), double-click, F2 or typing to edit. Only the visible cells are rendered, so a
 * 10,000-row sheet scrolls as easily as a small one.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { columnLetters, parseLocal, type InMemoryWorkbook } from '../inMemoryExcel';
import { formatLocal } from '../inMemoryExcel/address';
import { SheetView } from './workbookView';

const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 56;
/** Empty rows and columns shown beyond the used range, so there is room to type. */
const SPARE_ROWS = 30;
const SPARE_COLS = 6;

interface Cell {
  r: number;
  c: number;
}
interface Rect {
  r: number;
  c: number;
  rows: number;
  cols: number;
}

const rectOf = (a: Cell, b: Cell): Rect => ({
  r: Math.min(a.r, b.r),
  c: Math.min(a.c, b.c),
  rows: Math.abs(a.r - b.r) + 1,
  cols: Math.abs(a.c - b.c) + 1,
});
const inRect = (rect: Rect, r: number, c: number) => r >= rect.r && r < rect.r + rect.rows && c >= rect.c && c < rect.c + rect.cols;

const useStyles = makeStyles({
  root: {
    position: 'relative',
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyBase,
    userSelect: 'none',
  },
  corner: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: `${ROW_HEADER_WIDTH}px`,
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    boxSizing: 'border-box',
    zIndex: 2,
  },
  colHeaders: {
    position: 'absolute',
    top: 0,
    left: `${ROW_HEADER_WIDTH}px`,
    right: 0,
    height: `${HEADER_HEIGHT}px`,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    boxSizing: 'border-box',
  },
  rowHeaders: {
    position: 'absolute',
    top: `${HEADER_HEIGHT}px`,
    left: 0,
    bottom: 0,
    width: `${ROW_HEADER_WIDTH}px`,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    boxSizing: 'border-box',
  },
  header: {
    position: 'absolute',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground2,
    boxSizing: 'border-box',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  headerActive: { backgroundColor: tokens.colorNeutralBackground3Selected, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  body: {
    position: 'absolute',
    top: `${HEADER_HEIGHT}px`,
    left: `${ROW_HEADER_WIDTH}px`,
    right: 0,
    bottom: 0,
    overflow: 'auto',
    outlineStyle: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}` },
  },
  cell: {
    position: 'absolute',
    boxSizing: 'border-box',
    paddingLeft: '4px',
    paddingRight: '4px',
    lineHeight: `${ROW_HEIGHT - 1}px`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
  },
  numeric: { textAlign: 'right' },
  bold: { fontWeight: tokens.fontWeightSemibold },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  selection: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: `2px solid ${tokens.colorBrandStroke1}`,
    pointerEvents: 'none',
  },
  editor: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: `2px solid ${tokens.colorBrandStroke1}`,
    padding: '0 2px',
    font: 'inherit',
    outlineStyle: 'none',
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

export interface GridProps {
  workbook: InMemoryWorkbook;
  sheet: string;
  /** Bumped on every workbook change, so the grid redraws. */
  version: number;
  /** Called when an edit is refused (e.g. a formula, which the in-memory workbook does not evaluate). */
  onEditError(message: string): void;
  label: string;
  className?: string;
}

export function Grid({ workbook, sheet, version, onEditError, label, className }: GridProps) {
  const styles = useStyles();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [editing, setEditingState] = useState<{ cell: Cell; text: string } | null>(null);
  // Mirrors `editing` so a blur that follows Enter does not commit the same edit twice.
  const editingRef = useRef<{ cell: Cell; text: string } | null>(null);
  const setEditing = (e: { cell: Cell; text: string } | null) => {
    editingRef.current = e;
    setEditingState(e);
  };
  const anchor = useRef<Cell>({ r: 0, c: 0 });
  const dragging = useRef(false);
  // The selection being dragged, before it is committed to the workbook on mouse up.
  const [draft, setDraft] = useState<Rect | null>(null);

  // `version` is the workbook's change counter: a new view (and extent) after every change.
  const view = useMemo(() => SheetView.of(workbook, sheet), [workbook, sheet, version]);
  const extent = useMemo(() => view?.extent() ?? { rows: 0, cols: 0 }, [view]);
  const rowCount = Math.max(extent.rows + SPARE_ROWS, 60);
  const colCount = Math.max(extent.cols + SPARE_COLS, 20);
  const colX = useMemo(() => {
    const xs = [0];
    for (let c = 0; c < colCount; c++) xs.push(xs[c] + (view?.columnWidth(c) ?? 88));
    return xs;
  }, [view, colCount]);

  // The workbook's selection on this sheet (it also changes when the task pane selects a row).
  const sel = workbook.selection();
  const committed: Rect = useMemo(() => {
    if (!sel || sel.sheet !== sheet || sel.areas.length === 0) return { r: 0, c: 0, rows: 1, cols: 1 };
    return parseLocal(sel.areas[0]);
  }, [sel?.sheet, sel?.areas[0], sheet]);
  const selection = draft ?? committed;
  const active = draft ? anchor.current : { r: committed.r, c: committed.c };

  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  /** Scrolls so the cell is visible (after keyboard moves, and when the task pane selects a row). */
  const reveal = useCallback(
    (cell: Cell) => {
      const el = bodyRef.current;
      if (!el) return;
      const top = cell.r * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
      const left = colX[cell.c] ?? 0;
      const right = colX[cell.c + 1] ?? left;
      if (left < el.scrollLeft) el.scrollLeft = left;
      else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [colX],
  );
  const committedKey = `${sheet}!${formatLocal(committed)}`;
  useEffect(() => {
    // Only when the committed selection itself changes, not on every redraw.
    if (!dragging.current) reveal({ r: committed.r, c: committed.c });
  }, [committedKey]);

  const commit = useCallback(
    (rect: Rect) => {
      workbook.select(sheet, formatLocal(rect));
      setDraft(null);
    },
    [workbook, sheet],
  );

  const cellAt = (clientX: number, clientY: number): Cell => {
    const el = bodyRef.current as HTMLDivElement;
    const box = el.getBoundingClientRect();
    const y = clientY - box.top + el.scrollTop;
    const x = clientX - box.left + el.scrollLeft;
    const r = Math.min(rowCount - 1, Math.max(0, Math.floor(y / ROW_HEIGHT)));
    let c = 0;
    while (c < colCount - 1 && colX[c + 1] <= x) c++;
    return { r, c };
  };

  const onMouseDown = (e: React.MouseEvent) => {
    if (e.button !== 0 || (e.target as HTMLElement).tagName === 'INPUT') return;
    // A click on the scroll bar is not a cell.
    const el = bodyRef.current as HTMLDivElement;
    const box = el.getBoundingClientRect();
    if (e.clientX - box.left > el.clientWidth || e.clientY - box.top > el.clientHeight) return;
    e.preventDefault();
    el.focus();
    if (editing) commitEdit();
    const cell = cellAt(e.clientX, e.clientY);
    if (!e.shiftKey) anchor.current = cell;
    dragging.current = true;
    setDraft(rectOf(anchor.current, cell));
    const move = (ev: MouseEvent) => setDraft(rectOf(anchor.current, cellAt(ev.clientX, ev.clientY)));
    const up = (ev: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      dragging.current = false;
      commit(rectOf(anchor.current, cellAt(ev.clientX, ev.clientY)));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const startEdit = (cell: Cell, text?: string) => {
    setEditing({ cell, text: text ?? view?.editText(cell.r, cell.c) ?? '' });
  };

  function commitEdit(next?: Cell) {
    const current = editingRef.current;
    if (!current) return;
    const { cell, text } = current;
    setEditing(null);
    try {
      workbook.setValues(sheet, formatLocal({ r: cell.r, c: cell.c, rows: 1, cols: 1 }), [[text]]);
    } catch (e) {
      onEditError(e instanceof Error ? e.message : String(e));
    }
    if (next) {
      anchor.current = next;
      commit({ ...next, rows: 1, cols: 1 });
    }
    bodyRef.current?.focus();
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [1, 0],
      Tab: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const [dr, dc] = e.shiftKey && (e.key === 'Enter' || e.key === 'Tab') ? [-move[0], -move[1]] : move;
      const clamp = (cell: Cell): Cell => ({
        r: Math.min(rowCount - 1, Math.max(0, cell.r)),
        c: Math.min(colCount - 1, Math.max(0, cell.c)),
      });
      if (e.shiftKey && e.key.startsWith('Arrow')) {
        // Extend from the anchor: the far corner moves.
        const far = {
          r: selection.r === anchor.current.r ? selection.r + selection.rows - 1 : selection.r,
          c: selection.c === anchor.current.c ? selection.c + selection.cols - 1 : selection.c,
        };
        const to = clamp({ r: far.r + dr, c: far.c + dc });
        commit(rectOf(anchor.current, to));
        reveal(to);
      } else {
        const to = clamp({ r: active.r + dr, c: active.c + dc });
        anchor.current = to;
        commit({ ...to, rows: 1, cols: 1 });
      }
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      startEdit(active);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      const blank = Array.from({ length: selection.rows }, () => Array.from({ length: selection.cols }, () => ''));
      workbook.setValues(sheet, formatLocal(selection), blank);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEdit(active, e.key);
    }
  };

  // The visible window.
  const firstRow = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT));
  const lastRow = Math.min(rowCount - 1, Math.ceil((scroll.top + size.height) / ROW_HEIGHT));
  let firstCol = 0;
  while (firstCol < colCount - 1 && colX[firstCol + 1] <= scroll.left) firstCol++;
  let lastCol = firstCol;
  while (lastCol < colCount - 1 && colX[lastCol] < scroll.left + size.width) lastCol++;

  const rows = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const cells = [];
    for (let c = firstCol; c <= lastCol; c++) {
      const w = colX[c + 1] - colX[c];
      if (w === 0) continue;
      const v = view?.cell(r, c);
      const isSelected = inRect(selection, r, c);
      const address = `${columnLetters(c)}${r + 1}`;
      cells.push(
        <div
          key={c}
          role="gridcell"
          id={`cell-${address}`}
          data-cell={address}
          aria-colindex={c + 1}
          aria-selected={isSelected}
          className={mergeClasses(styles.cell, v?.numeric && styles.numeric, v?.bold && styles.bold, isSelected && !v?.fill && styles.selected)}
          style={{
            left: colX[c],
            width: w,
            height: ROW_HEIGHT,
            // Cell fills and font colours are the workbook's own data, not theme styling.
            ...(v?.fill ? { backgroundColor: v.fill, color: '#000' } : {}),
            ...(v?.color ? { color: v.color } : {}),
          }}
        >
          {v?.text}
        </div>,
      );
    }
    rows.push(
      <div key={r} role="row" aria-rowindex={r + 1} style={{ position: 'absolute', top: r * ROW_HEIGHT, left: 0, height: ROW_HEIGHT }}>
        {cells}
      </div>,
    );
  }

  const colHeaders = [];
  const rowHeaders = [];
  for (let c = firstCol; c <= lastCol; c++) {
    const on = c >= selection.c && c < selection.c + selection.cols;
    colHeaders.push(
      <div
        key={c}
        className={mergeClasses(styles.header, on && styles.headerActive)}
        style={{ left: colX[c], width: colX[c + 1] - colX[c], height: HEADER_HEIGHT }}
      >
        {columnLetters(c)}
      </div>,
    );
  }
  for (let r = firstRow; r <= lastRow; r++) {
    const on = r >= selection.r && r < selection.r + selection.rows;
    rowHeaders.push(
      <div
        key={r}
        className={mergeClasses(styles.header, on && styles.headerActive)}
        style={{ top: r * ROW_HEIGHT, width: ROW_HEADER_WIDTH, height: ROW_HEIGHT }}
      >
        {r + 1}
      </div>,
    );
  }

  const activeAddress = `${columnLetters(active.c)}${active.r + 1}`;
  return (
    <div className={mergeClasses(styles.root, className)}>
      <div className={styles.corner} aria-hidden />
      <div className={styles.colHeaders} aria-hidden>
        <div style={{ position: 'relative', transform: `translateX(${-scroll.left}px)` }}>{colHeaders}</div>
      </div>
      <div className={styles.rowHeaders} aria-hidden>
        <div style={{ position: 'relative', transform: `translateY(${-scroll.top}px)` }}>{rowHeaders}</div>
      </div>
      <div
        ref={bodyRef}
        className={styles.body}
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount}
        aria-colcount={colCount}
        aria-multiselectable
        aria-activedescendant={`cell-${activeAddress}`}
        tabIndex={0}
        data-selection={formatLocal(selection)}
        onScroll={(e) => {
          const t = e.currentTarget;
          setScroll({ top: t.scrollTop, left: t.scrollLeft });
        }}
        onMouseDown={onMouseDown}
        onDoubleClick={(e) => startEdit(cellAt(e.clientX, e.clientY))}
        onKeyDown={onKeyDown}
      >
        <div style={{ position: 'relative', width: colX[colCount], height: rowCount * ROW_HEIGHT }}>
          {rows}
          <div
            className={styles.selection}
            style={{
              top: selection.r * ROW_HEIGHT - 1,
              left: colX[selection.c] - 1,
              width: colX[Math.min(colCount, selection.c + selection.cols)] - colX[selection.c] + 2,
              height: selection.rows * ROW_HEIGHT + 2,
            }}
          />
          {editing && (
            <input
              className={styles.editor}
              aria-label={`${label} ${columnLetters(editing.cell.c)}${editing.cell.r + 1}`}
              style={{
                top: editing.cell.r * ROW_HEIGHT - 1,
                left: colX[editing.cell.c] - 1,
                minWidth: colX[editing.cell.c + 1] - colX[editing.cell.c] + 2,
                height: ROW_HEIGHT + 2,
              }}
              value={editing.text}
              autoFocus
              onChange={(e) => setEditing({ cell: editing.cell, text: e.target.value })}
              onBlur={() => commitEdit()}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === 'Tab') {
                  e.preventDefault();
                  const next = e.key === 'Enter' ? { r: editing.cell.r + 1, c: editing.cell.c } : { r: editing.cell.r, c: editing.cell.c + 1 };
                  commitEdit(next);
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  setEditing(null);
                  bodyRef.current?.focus();
                }
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
