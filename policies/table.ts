// The readable permission table the admin board sees ("Ai được làm gì"): one row per resource and
// action that anybody may do (plus the not-built cells, marked), one column per role, each cell the
// scope's label. Pure: the admin renders it with antd's Table.
import { ACTION_LABELS, RESOURCE_LABELS, SCOPE_LABELS, type Language } from './labels.ts';
import { NOT_BUILT, OUT_OF_BAND, matrix as defaultMatrix } from './matrix.ts';
import { ACTIONS, RESOURCES, ROLES, scopeOf, type Action, type Matrix, type NotBuilt, type Resource, type Role, type Scope } from './types.ts';

export type TableStatus = 'enforced' | 'function' | 'not_built';

export interface TableRow {
  key: string;
  resource: Resource;
  action: Action;
  /** "Học sinh — Xem danh sách" */
  label: string;
  status: TableStatus;
  /** Scope per role (`none` when not allowed). */
  scopes: Record<Role, Scope>;
  /** The scope's label per role, '' for none. */
  cells: Record<Role, string>;
  note?: string;
}

const STATUS_NOTES: Record<TableStatus, Record<Language, string>> = {
  enforced: { vi: '', en: '' },
  function: { vi: 'Kiểm tra trong chức năng máy chủ', en: 'Checked by a server function' },
  not_built: { vi: 'Chưa xây dựng', en: 'Not built yet' },
};

function row(resource: Resource, action: Action, scopes: Record<Role, Scope>, status: TableStatus, language: Language, note?: string): TableRow {
  const cells = {} as Record<Role, string>;
  for (const role of ROLES) cells[role] = scopes[role] === 'none' ? '' : SCOPE_LABELS[scopes[role]][language];
  const statusNote = STATUS_NOTES[status][language];
  return {
    key: `${resource}.${action}`,
    resource,
    action,
    label: `${RESOURCE_LABELS[resource][language]} — ${ACTION_LABELS[action][language]}`,
    status,
    scopes,
    cells,
    ...(statusNote || note ? { note: [statusNote, note].filter(Boolean).join(': ') } : {}),
  };
}

function intendedScopes(cell: NotBuilt): Record<Role, Scope> {
  const scopes = {} as Record<Role, Scope>;
  for (const role of ROLES) scopes[role] = cell.intended[role] ?? 'none';
  return scopes;
}

/** Rows in resource order, then action order; actions nobody has are left out. */
export function permissionTable(language: Language = 'vi', matrix: Matrix = defaultMatrix): TableRow[] {
  const rows: TableRow[] = [];
  for (const resource of RESOURCES) {
    for (const action of ACTIONS) {
      const notBuilt = NOT_BUILT.find((c) => c.resource === resource && c.action === action);
      if (notBuilt) {
        rows.push(row(resource, action, intendedScopes(notBuilt), 'not_built', language, notBuilt.note));
        continue;
      }
      const scopes = {} as Record<Role, Scope>;
      for (const role of ROLES) scopes[role] = scopeOf(matrix, [role], resource, action);
      if (ROLES.every((role) => scopes[role] === 'none')) continue;
      const outOfBand = OUT_OF_BAND.find((c) => c.resource === resource && c.action === action);
      rows.push(outOfBand ? row(resource, action, scopes, 'function', language, outOfBand.note) : row(resource, action, scopes, 'enforced', language));
    }
  }
  return rows;
}
