// Conditional formats (ExcelApi 1.6): only the "Custom" (formula) type, which is what the add-in writes
// [doc: excel-add-ins-conditional-formatting.md; excel-notes §4.4].
import { Rect, contains, formatAddress, intersect, parseLocal } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, clientResult } from './client';
import { InMemoryExcelError, invalidArgument, itemNotFound } from './errors';
import { CellValue, ConditionalFormatModel, RangeRefModel, SheetModel, WorkbookModel } from './model';
import { RangeObj, derive, normalizeColor } from './range';

interface CfRef {
  sheet: SheetModel;
  cf: ConditionalFormatModel;
}

function live(r: CfRef): ConditionalFormatModel {
  if (r.cf.deleted || !r.sheet.conditionalFormats.includes(r.cf)) throw itemNotFound('ConditionalFormat', 'the conditional format was deleted');
  return r.cf;
}

function cfProps(model: WorkbookModel): PropTable<CfRef> {
  return {
    id: { get: (r) => live(r).id },
    type: { get: (r) => live(r).type },
    // Priority 0 is the rule Excel evaluates first; a new rule goes on top.
    priority: {
      get: (r) => r.sheet.conditionalFormats.indexOf(live(r)),
      set: (r, v) => {
        const cf = live(r);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidArgument('ConditionalFormat.priority', String(v));
        model.saveArray(r.sheet.conditionalFormats);
        const list = r.sheet.conditionalFormats;
        list.splice(list.indexOf(cf), 1);
        list.splice(Math.min(v, list.length), 0, cf);
      },
    },
    stopIfTrue: {
      get: (r) => live(r).stopIfTrue,
      set: (r, v) => {
        if (typeof v !== 'boolean') throw invalidArgument('ConditionalFormat.stopIfTrue', 'must be a boolean');
        model.setField(live(r), 'stopIfTrue', v);
      },
    },
  };
}

/** Range.conditionalFormats: the formats that intersect the range [doc: Excel.Range.conditionalFormats]. */
export class ConditionalFormatCollectionObj extends ClientCollection<RangeRefModel, CfRef, ConditionalFormatObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel>) {
    super(ctx, 'ConditionalFormatCollection', {}, resolver);
  }
  _list(m: RangeRefModel): CfRef[] {
    return m.sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => intersect(a, m.rect))).map((cf) => ({ sheet: m.sheet, cf }));
  }
  _wrapItem(im: CfRef): ConditionalFormatObj {
    return new ConditionalFormatObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<CfRef> {
    return cfProps(this._ctx._model);
  }

  add(type: string): ConditionalFormatObj {
    let created: CfRef | undefined;
    this._call('add', [type], (m) => {
      if (type !== 'Custom') throw new InMemoryExcelError('NotImplemented', `not implemented: conditional format type "${type}"`, 'ConditionalFormatCollection.add');
      const model = this._ctx._model;
      const n = model.nextConditionalFormatId;
      model.setField(model, 'nextConditionalFormatId', n + 1);
      const cf: ConditionalFormatModel = { id: `{CF${n}}`, type: 'Custom', areas: [{ ...m.rect }], formula: '', fillColor: null, fontColor: null, bold: null, stopIfTrue: false, deleted: false };
      model.saveArray(m.sheet.conditionalFormats);
      m.sheet.conditionalFormats.unshift(cf);
      created = { sheet: m.sheet, cf };
    });
    return new ConditionalFormatObj(this._ctx, () => created ?? null);
  }

  /** "Clears all conditional formats active on the current specified range" [doc: ConditionalFormatCollection.clearAll]. */
  clearAll(): void {
    this._call('clearAll', [], (m) => this._ctx._model.clearConditionalFormats(m.sheet, m.rect));
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._list(this._need()).length);
  }

  getItemAt(index: number): ConditionalFormatObj {
    return new ConditionalFormatObj(
      this._ctx,
      derive(this, (m) => {
        const list = this._list(m);
        if (index < 0 || index >= list.length) throw invalidArgument('ConditionalFormatCollection.getItemAt', `index ${index}`);
        return list[index];
      }),
    );
  }
}

export class ConditionalFormatObj extends ClientObj<CfRef> {
  _custom: CustomConditionalFormatObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<CfRef>, pre?: { ref: CfRef | null }) {
    super(ctx, 'ConditionalFormat', cfProps(ctx._model), resolver, pre);
  }
  get custom(): CustomConditionalFormatObj {
    return (this._custom ??= new CustomConditionalFormatObj(this._ctx, derive(this, (r) => r)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    return name === 'custom' ? (this.custom as ClientObj<unknown>) : undefined;
  }
  delete(): void {
    this._call('delete', [], (r) => {
      const model = this._ctx._model;
      const cf = live(r);
      model.saveArray(r.sheet.conditionalFormats);
      r.sheet.conditionalFormats.splice(r.sheet.conditionalFormats.indexOf(cf), 1);
      model.setField(cf, 'deleted', true);
    });
  }
  getRange(): RangeObj {
    return new RangeObj(this._ctx, derive(this, (r) => ({ sheet: r.sheet, rect: { ...live(r).areas[0] } })));
  }
}

class CustomConditionalFormatObj extends ClientObj<CfRef> {
  _rule: ClientObj<CfRef> | undefined;
  _format: ConditionalRangeFormatObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<CfRef>) {
    super(ctx, 'CustomConditionalFormat', {}, resolver);
  }
  get rule(): ClientObj<CfRef> {
    const model = this._ctx._model;
    return (this._rule ??= new PlainObj<CfRef>(this._ctx, 'ConditionalFormatRule', derive(this, (r) => r), {
      // An A1 formula in en-US syntax, relative to the top-left cell of the range.
      formula: {
        get: (r) => live(r).formula,
        set: (r, v) => {
          if (typeof v !== 'string' || !v.startsWith('=')) throw invalidArgument('ConditionalFormatRule.formula', 'a formula starts with "="');
          model.setField(live(r), 'formula', v);
        },
      },
    }));
  }
  get format(): ConditionalRangeFormatObj {
    return (this._format ??= new ConditionalRangeFormatObj(this._ctx, derive(this, (r) => r)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'rule') return this.rule as ClientObj<unknown>;
    if (name === 'format') return this.format as ClientObj<unknown>;
    return undefined;
  }
}

class PlainObj<M> extends ClientObj<M> {
  constructor(ctx: InMemoryContext, typeName: string, resolver: Resolver<M>, props: PropTable<M>) {
    super(ctx, typeName, props, resolver);
  }
}

class ConditionalRangeFormatObj extends ClientObj<CfRef> {
  _fill: ConditionalRangeFillObj | undefined;
  _font: ClientObj<CfRef> | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<CfRef>) {
    super(ctx, 'ConditionalRangeFormat', {}, resolver);
  }
  get fill(): ConditionalRangeFillObj {
    return (this._fill ??= new ConditionalRangeFillObj(this._ctx, derive(this, (r) => r)));
  }
  get font(): ClientObj<CfRef> {
    const model = this._ctx._model;
    return (this._font ??= new PlainObj<CfRef>(this._ctx, 'ConditionalRangeFont', derive(this, (r) => r), {
      color: { get: (r) => live(r).fontColor, set: (r, v) => model.setField(live(r), 'fontColor', normalizeColor(v, 'ConditionalRangeFont.color')) },
      bold: {
        get: (r) => live(r).bold,
        set: (r, v) => {
          if (typeof v !== 'boolean') throw invalidArgument('ConditionalRangeFont.bold', 'must be a boolean');
          model.setField(live(r), 'bold', v);
        },
      },
    }));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'fill') return this.fill as ClientObj<unknown>;
    if (name === 'font') return this.font as ClientObj<unknown>;
    return undefined;
  }
}

class ConditionalRangeFillObj extends ClientObj<CfRef> {
  constructor(ctx: InMemoryContext, resolver: Resolver<CfRef>) {
    super(
      ctx,
      'ConditionalRangeFill',
      { color: { get: (r) => live(r).fillColor, set: (r, v) => ctx._model.setField(live(r), 'fillColor', normalizeColor(v, 'ConditionalRangeFill.color')) } },
      resolver,
    );
  }
  clear(): void {
    this._call('clear', [], (r) => this._ctx._model.setField(live(r), 'fillColor', null));
  }
}

// ---- evaluation (for the sandbox's grid and for tests) ----

const SIMPLE_RULE = /^=\s*(\$?)([A-Za-z]{1,3})(\$?)(\d+)\s*=\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TRUE|FALSE))\s*$/i;

/**
 * Evaluates the rules of the form `=A2="text"` / `=A2=5` for one cell: Excel shifts relative references
 * by the cell's offset from the top-left cell of the rule's range. Other formulas are not evaluated.
 */
export interface ConditionalStyle {
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export function conditionalStyle(sheet: SheetModel, r: number, c: number): ConditionalStyle | null {
  // Higher-priority rules win each attribute they set; later rules only fill what is still unset.
  const found: ConditionalStyle[] = [];
  for (const cf of sheet.conditionalFormats) {
    const cell: Rect = { r, c, rows: 1, cols: 1 };
    if (!cf.areas.some((a) => contains(a, cell))) continue;
    const m = SIMPLE_RULE.exec(cf.formula);
    if (!m) continue;
    const origin = cf.areas[0];
    const ref = parseLocal(`${m[2]}${m[4]}`);
    const rr = m[3] ? ref.r : ref.r + (r - origin.r);
    const cc = m[1] ? ref.c : ref.c + (c - origin.c);
    const v: CellValue | undefined = sheet.values.get(rr, cc);
    const expected: CellValue = m[5] !== undefined ? m[5].replace(/""/g, '"') : m[6] !== undefined ? Number(m[6]) : m[7].toUpperCase() === 'TRUE';
    const same = typeof v === 'string' && typeof expected === 'string' ? v.toLowerCase() === expected.toLowerCase() : v === expected;
    if (!same) continue;
    found.push({ fill: cf.fillColor, fontColor: cf.fontColor, bold: cf.bold });
    if (cf.stopIfTrue) break;
  }
  if (found.length === 0) return null;
  return {
    fill: found.find((f) => f.fill !== null)?.fill ?? null,
    fontColor: found.find((f) => f.fontColor !== null)?.fontColor ?? null,
    bold: found.find((f) => f.bold !== null)?.bold ?? null,
  };
}

export function cfSnapshotAreas(sheet: SheetModel, cf: ConditionalFormatModel): string[] {
  return cf.areas.map((a) => formatAddress(sheet.name, a));
}
