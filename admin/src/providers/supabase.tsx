// The Supabase client, created at start-up from the runtime config and shared through React context
// (pages that call RPCs or functions directly use it; data goes through Refine's dataProvider).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/functions/_shared/database.ts';
import { createContext, useContext, type ReactNode } from 'react';

const SupabaseContext = createContext<SupabaseClient<Database> | null>(null);

export function SupabaseProvider({ client, children }: { client: SupabaseClient<Database>; children: ReactNode }) {
  return <SupabaseContext.Provider value={client}>{children}</SupabaseContext.Provider>;
}

export function useSupabase(): SupabaseClient<Database> {
  const client = useContext(SupabaseContext);
  if (!client) throw new Error('useSupabase() outside <SupabaseProvider>');
  return client;
}
