// Start-up: translations first (so even a configuration error is in Vietnamese), then the runtime
// config (./config.json, else the build's VITE_* values), then the app.
import '@refinedev/antd/dist/reset.css';
import './antdReact19.ts';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.tsx';
import { loadRuntimeConfig } from './config.ts';
import { callbackRoute, readAuthCallback } from './providers/authCallback.ts';
import { i18n } from './i18n/index.ts';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  try {
    const config = await loadRuntimeConfig(import.meta.env);
    // A recovery link lands here with its session in the URL fragment: supabase-js reads it (only
    // then, so the hash routes are never mistaken for one), and the page becomes #/reset-password.
    const callback = readAuthCallback(window.location.hash);
    const supabase = createClient<Database>(config.supabaseUrl, config.anonKey, {
      auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: callback.kind !== 'none' },
    });
    const landing = callbackRoute(callback);
    if (landing) {
      await supabase.auth.initialize();
      window.history.replaceState(null, '', landing);
    }
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App supabase={supabase} />
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    // Loaded only when needed: its antd Result (with illustrations) is no part of a working start.
    const { ConfigErrorPage } = await import('./components/ConfigErrorPage.tsx');
    root.render(
      <I18nextProvider i18n={i18n}>
        <ConfigErrorPage detail={error instanceof Error ? error.message : String(error)} />
      </I18nextProvider>,
    );
  }
}

void start();
