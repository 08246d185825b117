import re,os
DB='supabase/functions/_shared/database.ts'
def rel(f):
    r=os.path.relpath(DB, os.path.dirname(f)); return r if r.startswith('.') else './'+r
def replace_block(f, start_pat, new, names):
    s=open(f).read()
    i=s.index(start_pat)
    if s[i:].split('\n')[0].rstrip().endswith('}'):
        j=s.index('\n',i)+1
    else:
        j=s.index('\n}\n',i)+3
    s=s[:i]+new+'\n'+s[j:]
    imp=f"import type {{ {', '.join(names)} }} from '{rel(f)}';\n"
    # add after last top import line
    lines=s.split('\n')
    last=max([k for k,l in enumerate(lines[:60]) if l.startswith('import ')] or [-1])
    if last==-1:
        # after leading comment block
        k=0
        while k<len(lines) and lines[k].startswith('//'): k+=1
        lines.insert(k, imp.rstrip('\n'))
    else:
        # find end of that import statement
        k=last
        while not lines[k].rstrip().endswith(';'): k+=1
        lines.insert(k+1, imp.rstrip('\n'))
    open(f,'w').write('\n'.join(lines))

R=replace_block
R('admin/src/components/useYearData.ts','export interface ClassRow {',
 "export type ClassRow = Pick<Tables<'classes'>, 'id' | 'name' | 'grade' | 'school_id' | 'school_year_id' | 'homeroom_teacher_id'>;",['Tables'])
R('admin/src/pages/lock_decisions/useLockDecisions.ts','export interface LockDecisionRow {',
 """/** A lock event may cite any decision covering its scope; an unlock event only an unlock decision. */
export type LockDecisionRow = Narrowed<Omit<Tables<'lock_decisions'>, 'updated_at'>, { action: 'lock' | 'unlock'; period: DecisionPeriod | null }>;""",['Narrowed','Tables'])
R('admin/src/pages/enrolments/EnrolmentList.tsx','interface EnrolmentRow {',
 """type EnrolmentRow = Pick<Tables<'enrolments'>, 'id' | 'class_id' | 'started_on' | 'start_reason' | 'ended_on' | 'end_reason' | 'end_note'> & {
  students: (Pick<Tables<'students'>, 'student_code' | 'gender' | 'birth_date'> & { full_name: string; student_details: Pick<Tables<'student_details'>, 'birth_place' | 'ethnicity'> | null }) | null;
};""",['Tables'])
R('admin/src/pages/profiles/ProfileList.tsx','interface ProfileRow {',
 "type ProfileRow = Pick<Tables<'profiles'>, 'id' | 'full_name' | 'email'>;",['Tables'])
R('admin/src/pages/school_deadlines/deadlines.ts','export interface DeadlinesRow {',
 "export type DeadlinesRow = Pick<Tables<'school_deadlines'>, 'school_id' | 'profiles_weeks' | 'crosscheck_weeks' | 'regular_weekday' | 'regular_time' | 'periodic_days'>;",['Tables'])
R('admin/src/pages/school_deadlines/deadlines.ts','export interface TestDateRow {',
 "export type TestDateRow = Narrowed<Pick<Tables<'assessment_periods'>, 'id' | 'period' | 'test_date'>, { period: Period }>;",['Narrowed'])
R('admin/src/pages/gradebook_locks/locks.ts','export interface LockEventRow {',
 """export type LockEventRow = Narrowed<
  Pick<Tables<'gradebook_locks'>, 'id' | 'semester' | 'class_id' | 'subject_id' | 'action' | 'decision_id' | 'note' | 'created_at'>,
  { semester: 1 | 2 | null; action: LockAction; created_by: string | null }
>;""",['Narrowed','Tables'])
R('admin/src/pages/result_publications/publications.ts','export interface PublicationRow {',
 """export type PublicationRow = Narrowed<
  Pick<Tables<'result_publications'>, 'id' | 'class_id' | 'school_year_id' | 'semester' | 'status' | 'proposed_by' | 'proposed_at' | 'approved_by' | 'approved_at' | 'published_by' | 'published_at'>,
  { semester: 1 | 2 | null; status: PublicationStatus }
>;""",['Narrowed','Tables'])
R('admin/src/pages/result_publications/publications.ts','export interface PublicationEventRow {',
 "export type PublicationEventRow = Narrowed<Pick<Tables<'result_publication_events'>, 'id' | 'publication_id' | 'action' | 'actor_id' | 'note' | 'correction_request_id' | 'created_at'>, { action: EventAction }>;",['Narrowed','Tables'])
R('admin/src/pages/memberships/MembershipList.tsx','interface MembershipRow {',
 "type MembershipRow = Pick<Tables<'memberships'>, 'id' | 'profile_id' | 'role'> & { profiles: Pick<Tables<'profiles'>, 'full_name' | 'email'> | null };",['Tables'])
R('admin/src/pages/quality_ratings/measures.ts','export interface MeasureRow {',
 "export type MeasureRow = Pick<Tables<'student_measures'>, 'id' | 'student_id' | 'height_cm' | 'weight_kg' | 'version'>;",['Tables'])
R('admin/src/pages/students/StudentList.tsx','interface StudentRow {',
 "type StudentRow = Narrowed<Pick<Tables<'students'>, 'id' | 'student_code' | 'full_name' | 'gender' | 'birth_date'>, { full_name: string }>;",['Narrowed','Tables'])
R('admin/src/pages/inspections/inspections.ts','export interface InspectionRow {',
 """export type InspectionRow = Narrowed<Omit<Tables<'inspections'>, 'updated_at'>, { kind: InspectionKind; semester: 1 | 2 | null }> & {
  checker: Pick<Tables<'profiles'>, 'full_name'> | null;
  teacher: Pick<Tables<'profiles'>, 'full_name'> | null;
  classes: Pick<Tables<'classes'>, 'name'> | null;
  subjects: Pick<Tables<'subjects'>, 'name'> | null;
};""",['Narrowed','Tables'])
R('admin/src/pages/correction_requests/correctionModel.ts','export interface CorrectionRequestRow {',
 "export type CorrectionRequestRow = Narrowed<Tables<'correction_requests'>, { semester: 1 | 2 | null; status: CorrectionStatus }>;",['Narrowed','Tables'])
R('admin/src/pages/departments/useDepartmentMembers.ts','export interface MemberRow {',
 "export type MemberRow = Pick<Tables<'department_members'>, 'id' | 'profile_id' | 'is_head'> & { profiles: Pick<Tables<'profiles'>, 'full_name'> | null };",['Tables'])
R('admin/src/pages/departments/DepartmentList.tsx','export interface DepartmentRow {',
 "export type DepartmentRow = Pick<Tables<'departments'>, 'id' | 'school_id' | 'name'>;",['Tables'])
R('admin/src/pages/class_subjects/ClassSubjectList.tsx','interface ClassSubjectRow {',
 "type ClassSubjectRow = Pick<Tables<'class_subjects'>, 'id' | 'subject_id' | 'periods_per_year'> & { subjects: Pick<Tables<'subjects'>, 'name' | 'code'> | null };",['Tables'])
