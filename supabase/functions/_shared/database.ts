// The database's types as the code uses them: the generated file (database.types.ts, `npm run db:types`,
// never edited) with one adjustment the generator cannot know. A Postgres function argument has no NOT
// NULL, and ours take null on purpose (p_semester null = the whole year, p_id null = a new request), but
// the generator types every argument as its column type without null; and a `jsonb` argument is typed
// `Json`, which an interface (no index signature) never satisfies. So every argument here also accepts
// null, and a `Json` argument takes any value (it is serialised by PostgREST). Rows, enums, views and
// results are the generated ones; a jsonb result stays `Json`: gradebook_sheet's is parsed by its zod
// contract (contracts/gradebookSheet.ts), the others are read through the caller's own type.
import type { Database as Generated, Json } from './database.types.ts';

export type { Json, Tables, TablesInsert, TablesUpdate, Enums, CompositeTypes } from './database.types.ts';

type Arg<T> = [T] extends [Json] ? ([Json] extends [T] ? unknown : T | null) : T | null;
type Args<A> = [A] extends [never] ? never : A extends object ? { [K in keyof A]: Arg<A[K]> } : A;
type Fn<F> = F extends { Args: infer A } ? Omit<F, 'Args'> & { Args: Args<A> } : F;
type Schema<S> = S extends { Functions: infer Fs } ? Omit<S, 'Functions'> & { Functions: { [K in keyof Fs]: Fn<Fs[K]> } } : S;

export type Database = { [K in keyof Generated]: K extends '__InternalSupabase' ? Generated[K] : Schema<Generated[K]> };

type PublicFunctions = Database['public']['Functions'];
/** The arguments and the result of rpc(name). */
export type FunctionArgs<Name extends keyof PublicFunctions> = PublicFunctions[Name]['Args'];
export type FunctionReturns<Name extends keyof PublicFunctions> = PublicFunctions[Name]['Returns'];

/**
 * A row type with some columns narrowed to what the schema guarantees but the generator cannot see: a
 * text column with a check constraint (`action in ('lock','unlock')`), `semester in (1, 2)`, a generated
 * column that is never null. Only columns of the row may be narrowed.
 */
export type Narrowed<Row, Columns extends { [K in keyof Columns]: K extends keyof Row ? unknown : never }> = Omit<Row, keyof Columns> &
  Columns;
