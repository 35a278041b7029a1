import type { InArgs, InStatement, InValue, Row } from '@libsql/client';
import Database from 'libsql';

/** What callers read from a statement's result: the part of libSQL's ResultSet this code uses. */
export interface QueryResult {
  rows: Row[];
  rowsAffected: number;
}

/** Anything statements can run on: a client, a transaction, a write job's transaction, a file connection. */
export interface Queryable {
  execute(stmt: InStatement): Promise<QueryResult>;
}

/** What a write job may do inside the writer's transaction. libSQL's `Transaction` satisfies it. */
export interface WriteTx extends Queryable {
  executeMultiple(sql: string): Promise<void>;
}

/** Reads: one statement, or several that see one snapshot. libSQL's `Client` satisfies it. */
export interface Reader extends Queryable {
  batch(statements: InStatement[], mode: 'read'): Promise<QueryResult[]>;
}

type Statement = Database.Statement<unknown[]>;

// Enough for every statement the code writes (a fixed set, plus the inbox's filter combinations);
// the bound only matters if a future caller builds SQL with values inlined, which it must not.
const CACHE_LIMIT = 256;

function bindable(args: InArgs | undefined) {
  if (args === undefined) return [];
  // As @libsql/client binds them: booleans as 0/1, dates as milliseconds.
  const convert = (value: InValue) =>
    typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.valueOf() : value;
  if (Array.isArray(args)) return args.map(convert);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    named[/^[:@$]/.test(name) ? name.slice(1) : name] = convert(value as InValue);
  }
  return named;
}

/**
 * One connection to a database file, straight on the `libsql` driver that `@libsql/client` wraps,
 * with its prepared statements kept. The client prepares every statement afresh and copies each
 * value through `Object.defineProperty`: for the filing insert (24 columns, a trigger, five indexes)
 * that was two thirds of its cost. Driver calls are synchronous, so one connection per purpose is
 * all a single-threaded process can use anyway; PRAGMAs set here stay set, since there is no pool.
 */
export class FileConnection implements Reader, WriteTx {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Statement>();

  constructor(path: string, { timeoutMs, pragmas = [] }: { timeoutMs: number; pragmas?: string[] }) {
    this.#db = new Database(path, { timeout: timeoutMs });
    for (const pragma of pragmas) this.#db.exec(pragma);
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= CACHE_LIMIT) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Synchronous, for callers that must run several statements with nothing in between. */
  executeSync(stmt: InStatement): QueryResult {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : bindable(stmt.args);
    const statement = this.#prepare(sql);
    if (statement.reader) return { rows: statement.all(args) as Row[], rowsAffected: 0 };
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
