// A component whose code is a chunk of its own, loaded on first use like React.lazy — and fetched ahead
// with `preload()` (the signed-in admin while the user types the password, the home page with it). Once
// its code is here it renders at once: React.lazy alone suspends on every first mount even when the
// module is cached (a new promise), and React holds a revealed Suspense boundary back for up to 300 ms
// (its fallback throttle), which is most of the time between "Đăng nhập" and the first screen.
import { lazy, useState, type ComponentType } from 'react';

export type Preloadable<P extends object> = ComponentType<P> & { preload: () => Promise<unknown> };

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined; // a failed fetch (offline, a new deployment) is tried again on next use
        throw error;
      },
    ));
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Component(props: P) {
    // Decided once per mount: switching from Lazy to the loaded component later would remount it.
    const [Ready] = useState(() => loaded);
    return Ready ? <Ready {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Component, { preload });
}
