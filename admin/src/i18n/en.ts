// English. Same keys as vi.ts (the type checker enforces it).
import { ACTION_LABELS, ROLE_LABELS, SCOPE_LABELS, labelsIn } from '../../../policies/labels.ts';
import type { AppMessages } from './vi.ts';

export const en: AppMessages = {
  app: {
    title: 'Sổ điện tử',
    tagline: 'Electronic gradebooks, digital transcripts and school records',
  },
  menu: {
    dashboard: 'Home',
    status: 'System status',
  },
  language: {
    label: 'Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Sign in with the account your school gave you',
    submit: 'Sign in',
    fields: {
      email: 'Email',
      password: 'Password',
    },
    validation: {
      email_required: 'Please enter your email',
      email_invalid: 'This is not a valid email',
      password_required: 'Please enter your password',
    },
    errors: {
      title: 'Sign-in failed',
      invalid_credentials: 'Wrong email or password',
      too_many_attempts: 'Too many failed attempts, please try again in 15 minutes',
      network: 'Cannot reach the server, please check the network and try again',
      unknown: 'Could not sign in: {{message}}',
    },
  },
  header: {
    sign_out: 'Sign out',
    no_roles: 'No role yet',
  },
  session: {
    expired: 'Your session has expired, please sign in again',
  },
  roles: labelsIn(ROLE_LABELS, 'en'),
  actions: labelsIn(ACTION_LABELS, 'en'),
  scopes: labelsIn(SCOPE_LABELS, 'en'),
  org_unit_kinds: {
    province: 'Provincial department',
    district: 'District office',
    school: 'School',
  },
  dashboard: {
    greeting: 'Hello, {{name}}',
    intro: 'These are your roles in Sổ điện tử.',
    context_error: 'Your roles could not be loaded. Some features may be hidden.',
    no_memberships: 'This account has no role yet',
  },
  memberships: {
    title: 'Your roles',
    fields: {
      org_unit_name: 'Organisation',
      org_unit_kind: 'Level',
      school_year: 'School year',
      role: 'Role',
    },
  },
  status: {
    title: 'System status',
    reload: 'Reload',
    error: 'Could not get the system status',
    server: 'Server',
    caller: 'Caller',
    no_migrations: 'No migration applied',
    fields: {
      postgres_version: 'PostgreSQL version',
      postgrest_version: 'PostgREST version',
      migrations: 'Applied migrations',
      version: 'Version',
      name: 'Name',
      id: 'User id',
      email: 'Email',
      role: 'Database role',
      roles: 'Roles',
    },
  },
  access: {
    denied: 'You do not have access to this page',
    not_found: 'Page not found',
    back_home: 'Back to home',
  },
  config: {
    error_title: 'The server is not configured',
    error_description:
      'config.json could not be read and the build has no VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY.',
  },
  common: {
    empty: '—',
    loading: 'Loading…',
  },
  buttons: {
    logout: 'Sign out',
    refresh: 'Refresh',
  },
  notifications: {
    error: 'Error (status code: {{statusCode}})',
    success: 'Successful',
  },
  warnWhenUnsavedChanges: 'Are you sure you want to leave? You have unsaved changes.',
};
