// Reads of the correction screens: the requests of a year (with class and subject names and the steps
// the user may take, `allowed_actions`), one request with its minutes data (items, witnesses and names,
// from rpc/correction_minutes, which any reader of the request may call), its evidence files, and the
// requests the user witnesses. Writes go through rpc/save_correction_request and rpc/advance_correction
// only (no table grants exist).
import { useGetIdentity, useList } from '@refinedev/core';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import type { Identity } from '../../providers/userContext.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { EVIDENCE_BUCKET, type CorrectionRequestRow } from './correctionModel.ts';

export interface InboxRow extends CorrectionRequestRow {
  requester: { full_name: string } | null;
  classes: { name: string } | null;
  subjects: { name: string } | null;
  correction_items: { count: number }[] | null;
}

/**
 * Every request the user may read (RLS), newest first, across school years: corrections are mostly
 * about locked periods, often of a past year, so what waits for the user is not one year's.
 */
export function useRequests() {
  const { result, query } = useList<InboxRow>({
    resource: 'correction_requests',
    pagination: { mode: 'off' },
    // The id breaks ties (requests saved in one transaction share their time), so the order is stable.
    sorters: [
      { field: 'updated_at', order: 'desc' },
      { field: 'id', order: 'asc' },
    ],
    meta: { select: '*, allowed_actions, requester:profiles!correction_requests_requested_by_fkey(full_name), classes(name), subjects(name), correction_items(count)' },
  });
  return { rows: result.data, loading: query.isLoading, error: query.error, refetch: query.refetch };
}

/** The ids of the requests the signed-in user is recorded as a witness of. */
export function useMyWitnessing(profileId: string | undefined): Set<string> {
  const { result } = useList<{ request_id: string }>({
    resource: 'correction_witnesses',
    pagination: { mode: 'off' },
    filters: [{ field: 'profile_id', operator: 'eq', value: profileId }],
    meta: { select: 'request_id' },
    queryOptions: { enabled: !!profileId },
  });
  return new Set(profileId ? result.data.map((w) => w.request_id) : []);
}

/** Who is signed in, for the inbox: their id and the requests they witness. */
export function useMe(): { id: string; witnessOf: Set<string> } | null {
  const { data: identity } = useGetIdentity<Identity>();
  const witnessOf = useMyWitnessing(identity?.id);
  return identity ? { id: identity.id, witnessOf } : null;
}

export interface MinutesItem {
  student_id: string;
  student_code: string;
  full_name: string;
  kind: 'tx' | 'gk' | 'ck' | 'retest';
  seq: number;
  label: string;
  recorded: string;
  proposed: string;
  applied_at: string | null;
  audit_id: number | null;
  old_value: string | null;
  new_value: string | null;
  changed_at: string | null;
  changed_by: string | null;
  audit_request_id: string | null;
}
export interface MinutesWitness {
  profile_id: string;
  full_name: string;
  capacity: 'bgh' | 'inspector' | 'admin_board' | 'requester' | 'homeroom';
}
/** The answer of rpc/correction_minutes. */
export interface MinutesData {
  id: string;
  number: number | null;
  status: CorrectionRequestRow['status'];
  school_name: string;
  school_year_code: string;
  class_name: string;
  subject_name: string;
  semester: 1 | 2 | null;
  reason: string;
  requested_by: string;
  submitted_at: string | null;
  forwarded_by: string | null;
  forwarded_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  unlocked_by: string | null;
  unlocked_at: string | null;
  unlock_ends_at: string | null;
  relocked_by: string | null;
  relocked_at: string | null;
  minuted_at: string | null;
  minutes_place: string | null;
  corrected_count: number;
  witnesses: MinutesWitness[];
  items: MinutesItem[];
}

export interface RequestDetail {
  request: CorrectionRequestRow & {
    classes: { name: string; homeroom_teacher_id: string | null; homeroom: { full_name: string } | null } | null;
    subjects: { name: string; assessment_kind: string } | null;
  };
  minutes: MinutesData;
}

/** One request and its minutes data; `reload` after every transition. */
export function useRequestDetail(id: string | undefined) {
  const supabase = useSupabase();
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    if (!id) return;
    setLoading(true);
    const [req, minutes] = await Promise.all([
      supabase.from('correction_requests').select('*, allowed_actions, classes(name, homeroom_teacher_id, homeroom:profiles!classes_homeroom_teacher_id_fkey(full_name)), subjects(name, assessment_kind)').eq('id', id).maybeSingle(),
      supabase.rpc('correction_minutes', { p_request_id: id }),
    ]);
    setLoading(false);
    if (req.error || minutes.error) return setError(errorMessage(req.error ?? minutes.error));
    if (!req.data) return setError(null), setDetail(null);
    setError(null);
    setDetail({ request: req.data as unknown as RequestDetail['request'], minutes: minutes.data as unknown as MinutesData });
  }, [supabase, id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { detail, error, loading, reload };
}

export interface EvidenceFile {
  /** Full storage key: "<request id>/<file>". */
  key: string;
  name: string;
  size: number | null;
}

/** The evidence files of a request (storage list of its folder). */
export function useEvidence(requestId: string | undefined) {
  const supabase = useSupabase();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    if (!requestId) return;
    const { data, error: e } = await supabase.storage.from(EVIDENCE_BUCKET).list(requestId, { limit: 100, sortBy: { column: 'name', order: 'asc' } });
    if (e) return setError(errorMessage(e));
    setError(null);
    setFiles(
      (data ?? [])
        .filter((f) => f.id !== null && f.name !== '.emptyFolderPlaceholder')
        .map((f) => ({ key: `${requestId}/${f.name}`, name: f.name, size: typeof f.metadata?.size === 'number' ? f.metadata.size : null })),
    );
  }, [supabase, requestId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { files, error, reload };
}
