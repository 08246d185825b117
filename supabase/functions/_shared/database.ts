// The database's types as the code uses them: the generated file (database.types.ts, `npm run db:types`,
// never edited) with one adjustment the generator cannot know. A Postgres function argument has no NOT
// NULL, and ours take null on purpose (p_semester null = the whole year, p_id null = a new request), but
// the generator types every argument as its column type without null; and a `jsonb` argument is typed
// `Json`, which an interface (no index signature) never satisfies. So every argument here also accepts
// null, and a `Json` argument takes any value (it is serialised by PostgREST). Rows, enums, views and
// results are the generated ones; a jsonb result stays `Json`: gradebook_sheet's is parsed by its zod
// contract (contracts/gradebookSheet.ts), the others are read through the caller's own type.
import type { Database as Generated, Json } from './database.types.ts';

export type { Json, TablesInsert, TablesUpdate, Enums, CompositeTypes } from './database.types.ts';

type Arg<T> = [T] extends [Json] ? ([Json] extends [T] ? unknown : T | null) : T | null;
type Args<A> = [A] extends [never] ? never : A extends object ? { [K in keyof A]: Arg<A[K]> } : A;
type Fn<F> = F extends { Args: infer A } ? Omit<F, 'Args'> & { Args: Args<A> } : F;
type Schema<S> = S extends { Functions: infer Fs } ? Omit<S, 'Functions'> & { Functions: { [K in keyof Fs]: Fn<Fs[K]> } } : S;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Postgres functions whose one argument is a row of `Row`: PostgREST's computed fields of that table. */
type ComputedOf<Fs, Row> = {
  [F in keyof Fs as Fs[F] extends { Args: Record<string, infer V> } ? (Same<V, Row> extends true ? F : never) : never]: Fs[F] extends {
    Returns: infer R;
  }
    ? R
    : never;
};
type GeneratedPublic = Generated['public'];
type PublicTableName = keyof GeneratedPublic['Tables'];
type RowWithComputed<T extends PublicTableName> = GeneratedPublic['Tables'][T]['Row'] &
  ComputedOf<GeneratedPublic['Functions'], GeneratedPublic['Tables'][T]['Row']>;
/** The table whose row is a computed-field function's one argument, if any. */
type ComputedTable<F> = {
  [T in PublicTableName]: F extends { Args: Record<string, infer V> } ? (Same<V, GeneratedPublic['Tables'][T]['Row']> extends true ? T : never) : never;
}[PublicTableName];
/**
 * The second adjustment: the generator (postgres-meta 0.99, the CLI's) lists a computed field
 * (`classes.homeroom_teacher_name`, `school_years.is_current`, `correction_requests.allowed_actions`…)
 * only as a function taking the row. supabase-js types `select('id, is_current')` when the row has the
 * field and the function's argument is named '' (what newer generators print), so each such function is
 * added to its table's row and its argument renamed; everything else is the generated text.
 */
type PublicSchema = Omit<Schema<GeneratedPublic>, 'Tables' | 'Functions'> & {
  Tables: { [T in PublicTableName]: Omit<GeneratedPublic['Tables'][T], 'Row'> & { Row: RowWithComputed<T> } };
  Functions: {
    [F in keyof GeneratedPublic['Functions']]: [ComputedTable<GeneratedPublic['Functions'][F]>] extends [never]
      ? Schema<GeneratedPublic>['Functions'][F]
      : Omit<GeneratedPublic['Functions'][F], 'Args'> & { Args: { '': RowWithComputed<ComputedTable<GeneratedPublic['Functions'][F]>> } };
  };
};

export type Database = {
  [K in keyof Generated]: K extends '__InternalSupabase' ? Generated[K] : K extends 'public' ? PublicSchema : Schema<Generated[K]>;
};

type PublicFunctions = Database['public']['Functions'];
/** The arguments and the result of rpc(name). */
export type FunctionArgs<Name extends keyof PublicFunctions> = PublicFunctions[Name] extends { Args: infer A } ? A : never;
export type FunctionReturns<Name extends keyof PublicFunctions> = PublicFunctions[Name] extends { Returns: infer R } ? R : never;

/**
 * A row type with some columns narrowed to what the schema guarantees but the generator cannot see: a
 * text column with a check constraint (`action in ('lock','unlock')`), `semester in (1, 2)`, a generated
 * column that is never null. Only columns of the row may be narrowed.
 */
export type Narrowed<Row, Columns extends { [K in keyof Columns]: K extends keyof Row ? unknown : never }> = Omit<Row, keyof Columns> &
  Columns;

/** A view's row as generated (every column nullable: Postgres does not carry NOT NULL into views). */
export type Views<T extends keyof GeneratedPublic['Views']> = GeneratedPublic['Views'][T]['Row'];

/** A table's row as generated, without its computed fields (select('*') returns exactly this). */
export type Tables<T extends PublicTableName> = GeneratedPublic['Tables'][T]['Row'];
