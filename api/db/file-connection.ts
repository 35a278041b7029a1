import type { InArgs, InStatement, InValue, Row } from '@libsql/client';
import Database from 'libsql';
import type { QueryResult, Reader, WriteTx } from './types.ts';

type Statement = Database.Statement<unknown[]>;

/** What a statement's SQL asks for: `?` placeholders and `:name`/`@name`/`$name` parameters. */
interface Parameters {
  positional: number;
  named: Set<string>;
}

/**
 * Reads the placeholders of a statement, skipping quoted text and comments. The driver binds a
 * missing argument as NULL without a word (a wrong argument count once silently dropped two
 * columns of a catalog import here); checking the count first turns that into an error.
 */
const PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\?|[:@$]([A-Za-z_]\w*)/g;

export function placeholders(sql: string): Parameters {
  const found: Parameters = { positional: 0, named: new Set() };
  for (const match of sql.matchAll(PLACEHOLDER)) {
    if (match[0] === '?') found.positional++;
    else if (match[1]) found.named.add(match[1]);
  }
  return found;
}

/**
 * The same statement with its named parameters as numbered ones (`:institution` → `?1`), and the
 * names in their order. The driver binds an array of values faster than an object of named ones
 * (it looks every name up), and the filing insert binds two dozen of them.
 */
export function numbered(sql: string): { sql: string; names: string[] } {
  const names: string[] = [];
  const rewritten = sql.replace(PLACEHOLDER, (token: string, name?: string) => {
    if (!name) return token;
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `?${index + 1}`;
  });
  return { sql: rewritten, names };
}

// Enough for every statement the code writes (a fixed set, plus the inbox's filter combinations);
// the bound only matters if a future caller builds SQL with values inlined, which it must not.
const CACHE_LIMIT = 256;

// As @libsql/client binds them: booleans as 0/1, dates as milliseconds, whole numbers as integers.
// The driver binds every JS number as a REAL (a 1 stored in a TEXT column reads back "1.0"), so
// whole numbers go as BigInt, which it binds as INTEGER, as @libsql/client does.
function convert(value: InValue): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value instanceof Date) return BigInt(value.valueOf());
  return value;
}

// The driver's `all` reads through an iterator (two native calls and a 100-slot buffer per
// statement), which costs more than the single-row query itself; `get` is one call. A statement
// that says `LIMIT 1` can return no more than one row, so it is read with `get`.
const ONE_ROW = /\bLIMIT\s+1\s*$/i;

const PREFIX = new Set([':', '@', '$']);

function bindable(args: InArgs | undefined) {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(convert);
  const named: Record<string, unknown> = {};
  for (const name in args) {
    named[PREFIX.has(name[0] as string) ? name.slice(1) : name] = convert(args[name] as InValue);
  }
  return named;
}

/**
 * A function that turns a row's values, in column order, into an object keyed by column name. The
 * driver builds such an object itself in one native call per value, which cost more than the query
 * for an inbox page of wide rows; its arrays (raw mode) cost about half, and an object literal
 * compiled once per statement gives every row the same shape. A repeated name keeps the last value,
 * as the driver's own objects do.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => Row;
}

/**
 * One connection to a database file, straight on the `libsql` driver that `@libsql/client` wraps,
 * with its prepared statements kept. The client prepares every statement afresh and copies each
 * value through `Object.defineProperty`: for the filing insert (24 columns, a trigger, five indexes)
 * that was most of its cost. Driver calls are synchronous, so one connection per purpose is
 * all a single-threaded process can use anyway; PRAGMAs set here stay set, since there is no pool.
 */
export class FileConnection implements Reader, WriteTx {
  readonly #db: Database.Database;
  readonly #statements = new Map<
    string,
    {
      statement: Statement;
      parameters: Parameters;
      names: string[];
      byPosition: boolean;
      /** How a row is made for a statement that returns rows; null for one that does not. */
      toRow: ((values: unknown[]) => Row) | null;
      /** Ends in `LIMIT 1`: read with the driver's `get`, see ONE_ROW. */
      oneRow: boolean;
    }
  >();

  constructor(path: string, { timeoutMs, pragmas = [] }: { timeoutMs: number; pragmas?: string[] }) {
    this.#db = new Database(path, { timeout: timeoutMs });
    for (const pragma of pragmas) this.#db.exec(pragma);
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  #prepare(sql: string) {
    let prepared = this.#statements.get(sql);
    if (!prepared) {
      if (this.#statements.size >= CACHE_LIMIT) this.#statements.clear();
      const parameters = placeholders(sql);
      // Named parameters only (the code never mixes them with `?`): bound by position, see numbered.
      const byPosition = parameters.positional === 0 && parameters.named.size > 0;
      const rewritten = byPosition ? numbered(sql) : { sql, names: [...parameters.named] };
      const statement = this.#db.prepare(rewritten.sql);
      // `reader` asks the driver each time it is read; it cannot change, so it is asked once.
      const toRow = statement.reader ? rowMaker(statement.columns().map((column) => column.name)) : null;
      if (toRow) statement.raw(true);
      prepared = {
        statement,
        parameters,
        names: rewritten.names,
        byPosition,
        toRow,
        oneRow: ONE_ROW.test(sql),
      };
      this.#statements.set(sql, prepared);
    }
    return prepared;
  }

  /** Synchronous, for callers that must run several statements with nothing in between. */
  executeSync(stmt: InStatement): QueryResult {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    let args = typeof stmt === 'string' ? [] : bindable(stmt.args);
    const { statement, parameters, names, byPosition, toRow, oneRow } = this.#prepare(sql);
    if (Array.isArray(args) ? args.length !== parameters.positional : parameters.positional > 0) {
      throw new Error(
        `the statement takes ${parameters.positional} arguments, not ${Array.isArray(args) ? args.length : 'names'}: ${sql.slice(0, 80)}`,
      );
    }
    if (!Array.isArray(args)) {
      for (const name of names) {
        if (!(name in args)) throw new Error(`the statement needs :${name}: ${sql.slice(0, 80)}`);
      }
      if (byPosition) {
        const values = args;
        args = names.map((name) => values[name]);
      }
    }
    if (toRow && oneRow) {
      const values = statement.get(args) as unknown[] | undefined;
      return { rows: values ? [toRow(values)] : [], rowsAffected: 0 };
    }
    if (toRow) return { rows: (statement.all(args) as unknown[][]).map(toRow), rowsAffected: 0 };
    return { rows: [], rowsAffected: statement.run(args).changes };
  }

  async execute(stmt: InStatement): Promise<QueryResult> {
    return this.executeSync(stmt);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#db.exec(sql);
  }

  /** The statements see one snapshot: they run back to back inside one read transaction. */
  async batch(statements: InStatement[]): Promise<QueryResult[]> {
    this.#db.exec('BEGIN');
    try {
      return statements.map((stmt) => this.executeSync(stmt));
    } finally {
      this.#db.exec('COMMIT');
    }
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}
