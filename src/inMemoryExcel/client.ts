// The proxy half of the model: Office.js-shaped client objects that queue operations and only see
// the workbook at `context.sync()`, exactly like the real Excel JavaScript API.
//
// Faithful details taken from office.js itself (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js):
// - every proxy is "instantiated" in the next request as soon as it is created (ClientObject's constructor
//   calls ActionFactory.createInstantiateAction), so `getItem("missing")` fails the next sync even if unused,
//   and `isNullObject` is known after that sync without a load;
// - reading a scalar throws PropertyNotLoaded unless it was loaded and synced (Utility.throwIfNotLoaded)
//   **or set locally**: the generated setters store the value on the proxy (`this.m_values = value`) before
//   queueing the set action, so a value you assigned reads back without a load;
// - a property of a null object reads as undefined instead of throwing (throwIfNotLoaded skips isNull);
// - `sync()` with nothing queued is not a round trip (syncPrivate returns early when !req.hasActions).
import { InMemoryExcelError, notImplemented, propertyNotLoaded, itemNotFound } from './errors';
import type { WorkbookModel } from './model';
import { guardWrite } from './protection';

/** 5 MB request/response limit of Excel on the web [doc: excel-add-ins-ranges-large.md, resource-limits…]. */
export const PAYLOAD_LIMIT = 5_000_000;

export interface Op {
  bytes: number;
  /** Applies the operation; returns the JSON-able response part, if any. */
  run: () => unknown;
  /** Called only when the whole batch succeeded, with what run returned. */
  commit?: (result: unknown) => void;
}

export interface HostCounters {
  syncCount: number;
  roundTrips: number;
  requestBytes: number[];
  responseBytes: number[];
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Tests: the round trip with this number fails as a whole (Excel's GeneralException). */
  failRoundTrip?: number;
  /** Syncs that carried Application.suspendApiCalculationUntilNextSync (the model has no formulas to recalculate). */
  calcSuspendedSyncs?: number;
  /** Whether the host has ExcelApi `version` (InMemoryWorkbook.setApiVersion); absent: every version. */
  supportsApi?: (version: string) => boolean;
  /** Resolves when the user leaves cell edit mode (InMemoryWorkbook.endCellEdit). */
  cellEditEnded?: () => Promise<void>;
  notify(): void;
}

/** UTF-8 length of a string, without allocating (the payload limit is on bytes, and zh-CN text is 3 bytes a char). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

// Names that JavaScript machinery probes on any object (await, Jest's printer, React dev tools, util.inspect).
// Answering them with undefined keeps `await ctx.sync(range)` and `expect(range)` working; everything else that
// is unknown throws.
const PROBES = new Set(['then', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', 'inspect', 'toJSON', '_isMockFunction', 'jasmineToString']);

/**
 * Wraps an object so that reading or assigning a member it does not have throws "not implemented: Type.member"
 * instead of quietly returning undefined. Members whose name starts with "_" are the implementation's own.
 */
export function strict<T extends object>(target: T, typeName: string, props?: Record<string, PropSpec<never>>): T {
  return new Proxy(target, {
    get(t, p, receiver) {
      if (typeof p === 'symbol') return Reflect.get(t, p, receiver);
      if (props && Object.prototype.hasOwnProperty.call(props, p)) return (receiver as ClientObj<unknown>)._readProp(p);
      if (p in t) return Reflect.get(t, p, receiver);
      if (PROBES.has(p)) return undefined;
      throw notImplemented(typeName, p);
    },
    set(t, p, value, receiver) {
      if (typeof p === 'symbol' || p.startsWith('_')) return Reflect.set(t, p, value, receiver);
      if (props && Object.prototype.hasOwnProperty.call(props, p)) {
        (receiver as ClientObj<unknown>)._writeProp(p, value);
        return true;
      }
      const desc = findDescriptor(t, p);
      if (desc?.set) return Reflect.set(t, p, value, receiver);
      if (desc) throw new InMemoryExcelError('InvalidOperation', `The property '${p}' is read-only and it cannot be updated.`, `${typeName}.${p}`);
      throw notImplemented(typeName, p);
    },
  });
}

function findDescriptor(o: object, p: string): PropertyDescriptor | undefined {
  for (let cur: object | null = o; cur; cur = Object.getPrototypeOf(cur) as object | null) {
    const d = Object.getOwnPropertyDescriptor(cur, p);
    if (d) return d;
  }
  return undefined;
}

export interface PropSpec<M> {
  get: (m: M) => unknown;
  /** Applies a write at sync time; throws InvalidArgument & co. there, as Excel does. */
  set?: (m: M, v: unknown) => void;
}

export type PropTable<M> = Record<string, PropSpec<M>>;

export interface LoadSpec {
  all: boolean;
  scalars: Set<string>;
  children: Map<string, LoadSpec>;
}

function emptySpec(all = false): LoadSpec {
  return { all, scalars: new Set(), children: new Map() };
}

function addPath(spec: LoadSpec, path: string[]): void {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    spec.scalars.add(head);
    return;
  }
  let child = spec.children.get(head);
  if (!child) spec.children.set(head, (child = emptySpec()));
  addPath(child, rest);
}

type LoadObject = { select?: string | string[]; expand?: string | string[]; top?: number; skip?: number } | Record<string, unknown>;
export type LoadOption = string | string[] | LoadObject | undefined;

/** Parses every form `load()` accepts: nothing, "a, b/c", ["a", "b/c"], {select, expand}, {a: true, b: {c: true}}. */
export function parseLoad(opt: LoadOption): LoadSpec {
  if (opt === undefined || opt === null) return emptySpec(true);
  const spec = emptySpec();
  const addList = (list: string | string[]): void => {
    const items = Array.isArray(list) ? list : list.split(',');
    for (const item of items) {
      const path = item.trim();
      if (path === '$all' || path === '*') spec.all = true;
      else if (path) addPath(spec, path.split('/').map((s) => s.trim()));
    }
  };
  if (typeof opt === 'string' || Array.isArray(opt)) {
    addList(opt);
    return spec;
  }
  const o = opt as Record<string, unknown>;
  if ('select' in o || 'expand' in o) {
    if (o.select !== undefined) addList(o.select as string | string[]);
    else spec.all = true;
    if (o.expand !== undefined) {
      const ex = Array.isArray(o.expand) ? (o.expand as string[]) : String(o.expand).split(',');
      for (const e of ex) {
        const parts = e.trim().split('/');
        let cur = spec;
        for (const part of parts) {
          let child = cur.children.get(part);
          if (!child) cur.children.set(part, (child = emptySpec(true)));
          cur = child;
        }
      }
    }
    return spec;
  }
  for (const [k, v] of Object.entries(o)) {
    if (k === '$all') {
      if (v) spec.all = true;
    } else if (v === true) spec.scalars.add(k);
    else if (v && typeof v === 'object') spec.children.set(k, parseLoad(v as LoadObject));
  }
  return spec;
}

let nextObjectId = 1;

export type Resolver<M> = () => M | null;

/**
 * Base of every proxy. `M` is the model object it stands for, resolved at the sync that instantiates it.
 */
export abstract class ClientObj<M> {
  readonly _ctx: InMemoryContext;
  readonly _typeName: string;
  readonly _props: PropTable<M>;
  readonly _oid = nextObjectId++;
  _resolver: Resolver<M>;
  _ref: M | null | undefined = undefined;
  _isNull: boolean | undefined = undefined;
  _fields = new Map<string, unknown>();
  _loadedChildren = new Set<string>();

  constructor(ctx: InMemoryContext, typeName: string, props: PropTable<M>, resolver: Resolver<M>, preResolved?: { ref: M | null }) {
    this._ctx = ctx;
    this._typeName = typeName;
    this._props = props;
    this._resolver = resolver;
    // The proxy is what callers get; the instantiate op below is queued against it.
    const self = strict(this, typeName, props as Record<string, PropSpec<never>>);
    if (preResolved) {
      this._ref = preResolved.ref;
      this._isNull = preResolved.ref === null;
    } else {
      ctx._enqueue(
        { a: 'inst', o: this._oid, t: typeName },
        () => {
          self._resolveRef();
          return undefined;
        },
        () => {
          self._isNull = self._ref === null;
        },
      );
    }
    return self;
  }

  get context(): InMemoryContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._typeName, 'isNullObject');
    return this._isNull;
  }

  /** Resolves (once) which model object this proxy stands for; null for a null object. */
  _resolveRef(): M | null {
    if (this._ref === undefined) this._ref = this._resolver();
    const ref = this._ref;
    if (ref !== null && typeof ref === 'object' && (ref as { deleted?: boolean }).deleted === true) {
      throw itemNotFound(this._typeName, 'the object has been deleted');
    }
    return ref;
  }

  /** The model object, for operations that need one: acting on a null object fails with ItemNotFound. */
  _need(): M {
    const ref = this._resolveRef();
    if (ref === null) throw itemNotFound(this._typeName, 'the object is a null object');
    return ref;
  }

  _readProp(name: string): unknown {
    if (this._fields.has(name)) return this._fields.get(name);
    if (this._isNull === true) return undefined;
    throw propertyNotLoaded(this._typeName, name);
  }

  _writeProp(name: string, value: unknown): void {
    const spec = this._props[name];
    if (!spec.set) throw new InMemoryExcelError('InvalidOperation', `The property '${name}' is read-only and it cannot be updated.`, `${this._typeName}.${name}`);
    const setter = spec.set;
    // Stored locally like office.js's generated setters; copied so later caller mutations don't leak in.
    this._fields.set(name, value);
    this._ctx._enqueue({ a: 'set', o: this._oid, p: name, v: value }, () => {
      const m = this._need();
      guardWrite(this._ctx._model, this._typeName, name, m);
      setter(m, value);
    });
  }

  /** Queues a method call with side effects (payload counted like a real action). */
  _call(method: string, args: unknown[], run: (m: M) => void): void {
    this._ctx._enqueue({ a: 'call', o: this._oid, m: method, args: args.map(argJson) }, () => {
      const m = this._need();
      guardWrite(this._ctx._model, this._typeName, method, m);
      run(m);
    });
  }

  /** Navigation properties ("format", "fill", "axes", …) for load paths; overridden by subclasses. */
  _nav(_name: string): ClientObj<unknown> | undefined {
    return undefined;
  }

  load(option?: LoadOption): this {
    this._applyLoad(parseLoad(option));
    return this;
  }

  _applyLoad(spec: LoadSpec): void {
    const names = new Set(spec.all ? Object.keys(this._props) : []);
    for (const s of spec.scalars) {
      if (Object.prototype.hasOwnProperty.call(this._props, s)) names.add(s);
      else if (this._nav(s)) spec.children.set(s, spec.children.get(s) ?? emptySpec(true));
      else throw notImplemented(this._typeName, s);
    }
    for (const [child, childSpec] of spec.children) {
      const nav = this._nav(child);
      if (!nav) throw notImplemented(this._typeName, child);
      nav._applyLoad(childSpec);
      this._loadedChildren.add(child);
    }
    if (names.size === 0) return;
    const list = [...names];
    this._ctx._enqueue(
      { a: 'load', o: this._oid, p: list },
      () => {
        const ref = this._resolveRef();
        if (ref === null) return null;
        const out: Record<string, unknown> = {};
        for (const n of list) out[n] = this._props[n].get(ref);
        return out;
      },
      (result) => {
        this._isNull = result === null;
        if (result === null) return;
        for (const [k, v] of Object.entries(result as Record<string, unknown>)) this._fields.set(k, v);
      },
    );
  }

  /** `set({...})`: assigns scalars and recurses into navigation properties. */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      if (Object.prototype.hasOwnProperty.call(this._props, k)) this._writeProp(k, v);
      else {
        const nav = this._nav(k);
        if (!nav || !v || typeof v !== 'object') throw notImplemented(this._typeName, k);
        nav.set(v as Record<string, unknown>);
      }
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._fields) out[k] = v;
    for (const child of this._loadedChildren) {
      const nav = this._nav(child);
      if (nav) out[child] = nav.toJSON();
    }
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

function argJson(a: unknown): unknown {
  if (a instanceof ClientObj) return { ref: a._oid };
  return a;
}

/**
 * A collection proxy: `items` only after a load, `load("name")` meaning "load name of every item"
 * (Office.js semantics for collections).
 */
export abstract class ClientCollection<M, IM, I extends ClientObj<IM>> extends ClientObj<M> {
  _items: I[] | undefined = undefined;

  constructor(ctx: InMemoryContext, typeName: string, props: PropTable<M>, resolver: Resolver<M>, preResolved?: { ref: M | null }) {
    super(ctx, typeName, props, resolver, preResolved);
  }

  /** The current model items. */
  abstract _list(m: M): IM[];
  /** A proxy for an item that the response already resolved (no instantiate action). */
  abstract _wrapItem(im: IM): I;
  abstract get _itemProps(): PropTable<IM>;

  get items(): I[] {
    if (this._items === undefined) {
      if (this._isNull === true) return [];
      throw propertyNotLoaded(this._typeName, 'items');
    }
    return this._items;
  }

  override _applyLoad(spec: LoadSpec): void {
    const own = emptySpec();
    const item = emptySpec(spec.all);
    for (const s of spec.scalars) {
      if (s === 'items') item.all = true;
      else if (Object.prototype.hasOwnProperty.call(this._props, s)) own.scalars.add(s);
      else item.scalars.add(s);
    }
    for (const [k, v] of spec.children) {
      if (k === 'items') {
        item.all = item.all || v.all;
        for (const s of v.scalars) item.scalars.add(s);
        for (const [ck, cv] of v.children) item.children.set(ck, cv);
      } else item.children.set(k, v);
    }
    if (own.scalars.size) super._applyLoad(own);
    if (item.children.size) throw notImplemented(this._typeName, `load of navigation properties of items (${[...item.children.keys()].join(', ')})`);
    const itemProps = this._itemProps;
    const names = new Set(item.all ? Object.keys(itemProps) : []);
    for (const s of item.scalars) {
      if (!Object.prototype.hasOwnProperty.call(itemProps, s)) throw notImplemented(this._typeName.replace(/Collection$/, ''), s);
      names.add(s);
    }
    if (names.size === 0 && !(spec.all || spec.scalars.has('items') || spec.children.has('items'))) return;
    const list = [...names];
    this._ctx._enqueue(
      { a: 'loadItems', o: this._oid, p: list },
      () => {
        const ref = this._resolveRef();
        if (ref === null) return null;
        const models = this._list(ref);
        return {
          models,
          data: models.map((m) => {
            const out: Record<string, unknown> = {};
            for (const n of list) out[n] = itemProps[n].get(m);
            return out;
          }),
        };
      },
      (result) => {
        this._isNull = result === null;
        if (result === null) return;
        const { models, data } = result as { models: IM[]; data: Array<Record<string, unknown>> };
        this._ctx._processingResult = true;
        try {
          this._items = models.map((m, i) => {
            const it = this._wrapItem(m);
            for (const [k, v] of Object.entries(data[i])) it._fields.set(k, v);
            return it;
          });
        } finally {
          this._ctx._processingResult = false;
        }
      },
    );
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this._items) out.items = this._items.map((i) => i.toJSON());
    return out;
  }
}

/** OfficeExtension.ClientResult: `value` is readable after the sync that computed it. */
export class ClientResultImpl<T> {
  _value: T | undefined = undefined;
  _done = false;
  get value(): T {
    if (!this._done) throw propertyNotLoaded('ClientResult', 'value');
    return this._value as T;
  }
}

export function clientResult<T>(ctx: InMemoryContext, desc: Record<string, unknown>, compute: () => T): ClientResultImpl<T> {
  const r = strict(new ClientResultImpl<T>(), 'ClientResult');
  ctx._enqueue(desc, () => ({ v: compute() }), (res) => {
    r._value = (res as { v: T }).v;
    r._done = true;
  });
  return r;
}

/** The RequestContext. Owns the queue of the batch being built. */
export class InMemoryContext {
  _queue: Op[] = [];
  _processingResult = false;
  /** Excel.run({ delayForCellEdit: true }, …) (ExcelApi 1.11): wait for the user to leave cell edit mode. */
  _delayForCellEdit = false;
  readonly _model: WorkbookModel;
  readonly _host: HostCounters;
  _workbook: ClientObj<unknown> | undefined;

  constructor(model: WorkbookModel, host: HostCounters, makeWorkbook: (ctx: InMemoryContext) => ClientObj<unknown>) {
    this._model = model;
    this._host = host;
    const self = strict(this, 'RequestContext');
    this.trackedObjects = strict(
      {
        add: (_o: unknown) => undefined,
        remove: (_o: unknown) => undefined,
      },
      'TrackedObjects',
    );
    this.runtime = strict(new RuntimeImpl(), 'Runtime');
    this._workbook = makeWorkbook(self);
    return self;
  }

  readonly trackedObjects: { add(o: unknown): void; remove(o: unknown): void };
  readonly runtime: RuntimeImpl;

  get workbook(): ClientObj<unknown> {
    return this._workbook as ClientObj<unknown>;
  }

  get application(): unknown {
    return (this._workbook as unknown as { application: unknown }).application;
  }

  _enqueue(desc: Record<string, unknown>, run: () => unknown, commit?: (result: unknown) => void): void {
    // Objects built while handling a response (collection items) are already resolved: no action.
    if (this._processingResult) return;
    this._queue.push({ bytes: jsonBytes(desc), run, commit });
  }

  /** Sends the queued operations; all or nothing (a failed sync leaves the workbook as it was). */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const host = this._host;
    host.syncCount++;
    const ops = this._queue;
    this._queue = [];
    await Promise.resolve();
    if (ops.length === 0) return passThroughValue as T;
    // "When false, if the user is in cell edit when the batch request is processed by the host, the batch
    // automatically fails. When true … the batch request is delayed until the user exits cell edit mode"
    // [doc: Excel.RunOptions.delayForCellEdit]; the code and message are InvalidOperationInCellEditMode's
    // [doc: application-specific-api-error-handling.md].
    if (this._model.cellEditing) {
      if (!this._delayForCellEdit || !host.cellEditEnded) {
        this._queue = [];
        throw new InMemoryExcelError(
          'InvalidOperationInCellEditMode',
          "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
          'RequestContext.sync',
        );
      }
      await host.cellEditEnded();
    }
    host.roundTrips++;
    if (host.failRoundTrip === host.roundTrips) {
      throw new InMemoryExcelError('GeneralException', 'There was an internal error while processing the request.', 'RequestContext.sync');
    }
    // Envelope like office.js's {"Actions":[…],"ObjectPaths":{…}}: a few bytes per action.
    let reqBytes = 30;
    for (const op of ops) reqBytes += op.bytes + 1;
    host.requestBytes.push(reqBytes);
    host.maxRequestBytes = Math.max(host.maxRequestBytes, reqBytes);
    if (reqBytes > PAYLOAD_LIMIT) {
      throw new InMemoryExcelError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${reqBytes} bytes > ${PAYLOAD_LIMIT}).`, 'RequestContext.sync');
    }
    const model = this._model;
    model.journal = [];
    // Setup helpers also mark the model dirty; only this batch's changes count here.
    model.dirty = false;
    const results: unknown[] = new Array(ops.length);
    let respBytes = 30;
    try {
      for (let i = 0; i < ops.length; i++) {
        results[i] = ops[i].run();
        if (results[i] !== undefined) respBytes += jsonBytes(results[i] instanceof Object && 'models' in (results[i] as object) ? (results[i] as { data: unknown }).data : results[i]);
      }
      host.responseBytes.push(respBytes);
      host.maxResponseBytes = Math.max(host.maxResponseBytes, respBytes);
      if (respBytes > PAYLOAD_LIMIT) {
        throw new InMemoryExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${respBytes} bytes > ${PAYLOAD_LIMIT}).`, 'RequestContext.sync');
      }
    } catch (e) {
      const journal = model.journal;
      model.journal = null;
      for (let i = journal.length - 1; i >= 0; i--) journal[i]();
      model.dirty = false;
      throw e;
    }
    model.journal = null;
    for (let i = 0; i < ops.length; i++) ops[i].commit?.(results[i]);
    if (model.dirty) {
      model.dirty = false;
      host.notify();
    }
    return passThroughValue as T;
  }
}

class RuntimeImpl {
  // Excel.Runtime.enableEvents (ExcelApi 1.8); the model raises no events, so it is only stored.
  enableEvents = true;
  load(_o?: unknown): this {
    return this;
  }
}
