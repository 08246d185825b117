// Forgetting the cached identity (userContext.ts caches current_user_context() per user): a screen whose
// action changes the caller's current roles (a school year opened whose first day has come) asks for it,
// then the identity is read again on the next question.
import { createContext, useContext, type ReactNode } from 'react';

const ForgetIdentityContext = createContext<() => void>(() => undefined);

export function ForgetIdentityProvider({ forget, children }: { forget: () => void; children: ReactNode }) {
  return <ForgetIdentityContext.Provider value={forget}>{children}</ForgetIdentityContext.Provider>;
}

export function useForgetIdentity(): () => void {
  return useContext(ForgetIdentityContext);
}
