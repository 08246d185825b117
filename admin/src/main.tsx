// Start-up: translations first (so even a configuration error is in Vietnamese), then the runtime
// config (./config.json, else the build's VITE_* values), then the shell (Shell.tsx), which loads the
// signed-in admin when a signed-in route is opened.
import '@refinedev/antd/dist/reset.css';
import './antdReact19.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Shell } from './Shell.tsx';
import { loadRuntimeConfig } from './config.ts';
import { i18n, loadStoredLanguage } from './i18n/index.ts';
import { createAuth } from './providers/auth.tsx';
import { callbackRoute, readAuthCallback } from './providers/authCallback.ts';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const language = loadStoredLanguage();
  try {
    const config = await loadRuntimeConfig(import.meta.env);
    // A recovery link lands here with its session in the URL fragment: the auth client reads it (only
    // then, so the hash routes are never mistaken for one), and the page becomes #/reset-password.
    const callback = readAuthCallback(window.location.hash);
    const auth = createAuth(config, { detectSessionInUrl: callback.kind !== 'none' });
    const landing = callbackRoute(callback);
    if (landing) {
      await auth.initialize();
      window.history.replaceState(null, '', landing);
    }
    await language;
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <Shell config={config} auth={auth} />
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    await language;
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
