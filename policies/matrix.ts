// The permission matrix: what the SQL policies (and, for screens, the edge functions) actually allow,
// cell by cell. A missing cell is `none`. `tests/api/matrix.test.ts` tries every cell over HTTP as a real
// user of each role and fails when the database and this file disagree; `NOT_BUILT` lists the cells the
// product will need but nothing implements yet, which the test reports instead of counting as passing.
//
// Reading scopes here (see types.ts): `school` = the schools where the caller holds the role — for
// year-scoped rows (classes, assignments, enrolments, memberships…) the school years in which they hold
// it (rights on year Y come from year Y's memberships, so last year's admin board still corrects last
// year), for rows without a year (students, departments) the current year; `assignment` = classes the caller has an active teaching assignment in;
// `homeroom` = the classes the caller is GVCN of; `guardian_of` = the student(s) linked to the caller as
// guardian; `self` = the caller's own rows (for a student account: that one student).
import { ROLES, type Action, type Matrix, type NotBuilt, type OutOfBand, type ResourceGrants, type Role, type Scope } from './types.ts';

type Grants = Partial<Record<Action, Scope>>;

/** The same grants for every role. */
function everyRole(grants: Grants): ResourceGrants {
  return Object.fromEntries(ROLES.map((role) => [role, { ...grants }]));
}

/** The same grants for the listed roles. */
function roles(list: readonly Role[], grants: Grants): ResourceGrants {
  return Object.fromEntries(list.map((role) => [role, { ...grants }]));
}

/** Merges grant sets; later ones add actions to (or override) earlier ones, role by role. */
function merge(...sets: ResourceGrants[]): ResourceGrants {
  const out: ResourceGrants = {};
  for (const set of sets) {
    for (const [role, grants] of Object.entries(set) as [Role, Grants][]) out[role] = { ...out[role], ...grants };
  }
  return out;
}

/** `private.school_staff_roles()`: everybody who works in a school. */
export const STAFF_ROLES = [
  'principal', 'vice_principal', 'admin_board', 'dept_head', 'homeroom_teacher', 'subject_teacher',
  'nurse', 'clerk', 'it_staff', 'inspector', 'union_officer',
] as const satisfies readonly Role[];
/** Roles held in a school (staff and families), as opposed to Phòng/Sở officers. */
export const SCHOOL_ROLES = [...STAFF_ROLES, 'guardian', 'student'] as const satisfies readonly Role[];
/** BGH and the admin board: read everybody of their school. */
const BGH_AND_BOARD = ['principal', 'vice_principal', 'admin_board'] as const satisfies readonly Role[];

const read = (scope: Scope): Grants => ({ list: scope, show: scope });

/** Who reads a student's basic row (policy `students_select`); enrolments and exemptions follow it. */
const studentReaders: ResourceGrants = merge(
  roles(['principal', 'vice_principal', 'admin_board', 'clerk', 'nurse'], read('school')),
  roles(['homeroom_teacher'], read('homeroom')),
  // Through their own active teaching assignments; a Tổ trưởng also through the assignments of the
  // department's teachers, whose gradebooks they check (private.taught_student_ids()).
  roles(['subject_teacher'], read('assignment')),
  roles(['dept_head'], read('department')),
  roles(['guardian'], read('guardian_of')),
  roles(['student'], read('self')),
);

/** Who reads the full profile (`private.full_profile_student_ids()`): not subject teachers, not the nurse. */
const fullProfileReaders: ResourceGrants = merge(
  roles(['principal', 'vice_principal', 'admin_board', 'clerk'], read('school')),
  roles(['homeroom_teacher'], read('homeroom')),
  roles(['guardian'], read('guardian_of')),
  roles(['student'], read('self')),
);

/** Who edits a student's profile (`private.editable_student_ids()`): the admin board, the current GVCN. */
const profileEditors: ResourceGrants = merge(
  roles(['admin_board'], { create: 'school', edit: 'school' }),
  roles(['homeroom_teacher'], { create: 'homeroom', edit: 'homeroom' }),
);

/** School structure: every staff member of the year reads it, only the admin board writes it. */
const structure = (writes: Grants): ResourceGrants =>
  merge(roles(STAFF_ROLES, read('school')), roles(['admin_board'], writes));

/**
 * Who reads a gradebook (policy `score_entries_select`): BGH, the admin board and the clerk the school;
 * a department head the classes × subjects taught by the department; a teacher their assignments; a
 * GVCN every subject of their class. Families read nothing until results are published (later issue).
 */
const gradebookReaders: ResourceGrants = merge(
  roles(['principal', 'vice_principal', 'admin_board', 'clerk'], read('school')),
  roles(['dept_head'], read('department')),
  roles(['subject_teacher'], read('assignment')),
  roles(['homeroom_teacher'], read('homeroom')),
);
/** Who reads a whole student's results (student_results, rpc class_summary): not one subject's teacher. */
const resultReaders: ResourceGrants = merge(
  roles(['principal', 'vice_principal', 'admin_board', 'clerk'], read('school')),
  roles(['homeroom_teacher'], read('homeroom')),
);

export const matrix: Matrix = {
  // Trang chủ: everybody signed in sees their own greeting and memberships (rpc current_user_context).
  dashboard: everyRole({ list: 'self' }),

  // Trạng thái hệ thống (the `status` function). Anybody may call it and gets back who they are
  // (`show` → self); the admin board and IT staff get the system page in the menu (`list`).
  status: {
    ...everyRole({ show: 'self' }),
    admin_board: { list: 'school', show: 'school' },
    it_staff: { list: 'school', show: 'school' },
  },

  // Tài khoản (the header's button): everybody signed in sees who they are and changes their own password
  // (`edit`), with the current one — the auth server's rule (OUT_OF_BAND), nobody else's.
  account: everyRole({ show: 'self', edit: 'self' }),

  // Trường học (view over org_units): a public directory every signed-in user reads; nobody writes it
  // through the API (provisioning is the service role's).
  schools: everyRole(read('province')),

  // Năm học: whoever holds any role in the school reads its years; written by provisioning only (the
  // admin board of a year may set its max_regular_assessments, a column grant this row-level cell does
  // not express: tests/api/score_entries.test.ts covers it).
  school_years: roles(SCHOOL_ROLES, read('school')),

  // Môn học: the national catalogue, public; written by provisioning only.
  subjects: everyRole(read('province')),

  // Tổ chuyên môn and its members. Departments are never deleted (no grant); members are configuration.
  departments: structure({ create: 'school', edit: 'school' }),
  department_members: structure({ create: 'school', edit: 'school', delete: 'school' }),

  // Lớp: staff read the year's classes, a family the classes of its child; the admin board writes them.
  classes: merge(
    structure({ create: 'school', edit: 'school' }),
    roles(['guardian'], read('guardian_of')),
    roles(['student'], read('self')),
  ),
  class_subjects: structure({ create: 'school', edit: 'school', delete: 'school' }),
  // Phân công: ended, never deleted.
  teaching_assignments: structure({ create: 'school', edit: 'school' }),

  // Học sinh: name, code, gender, birth date. Never deleted; the admin board adds, admin board and GVCN edit.
  // Linking the student's own account (students.profile_id, rpc link_student_account) is the admin
  // board's alone: no client writes the column.
  // In học bạ (`print`, rpc transcript_data behind the `print` function): the school's office prints
  // its students' transcripts, the GVCN those of this year's class; reading is not printing.
  students: merge(
    studentReaders,
    roles(['admin_board'], { create: 'school', edit: 'school', link: 'school', print: 'school' }),
    roles(['clerk'], { print: 'school' }),
    roles(['homeroom_teacher'], { edit: 'homeroom', print: 'homeroom' }),
  ),
  // The rest of the identity page and the guardians' contacts: not subject teachers, not the nurse.
  student_details: merge(fullProfileReaders, profileEditors),
  // The GVCN edits a guardian's name and contacts; linking a parent's account to the record
  // (guardians.profile_id, rpc link_guardian_account: the account then reads the child) is the admin
  // board's alone, to an account of its school (a role there, or created by its board), never its own.
  guardians: merge(fullProfileReaders, profileEditors, roles(['admin_board'], { link: 'school' })),
  // Xếp lớp: whoever reads the student reads the history; the admin board enrols and ends enrolments.
  // Xuất danh sách lớp (`export`): the class list as read, written out in the browser by the school's
  // office and BGH, and by the GVCN for their class.
  enrolments: merge(
    studentReaders,
    roles(['admin_board'], { create: 'school', edit: 'school' }),
    roles(['principal', 'vice_principal', 'admin_board', 'clerk'], { export: 'school' }),
    roles(['homeroom_teacher'], { export: 'homeroom' }),
  ),
  // Miễn học: whoever reads the student reads it; the admin board and the current GVCN record it.
  subject_exemptions: merge(studentReaders, profileEditors),

  // Hồ sơ người dùng: everybody reads their own; staff read the staff of their school (the staff
  // directory: `school` here means staff only); BGH and the admin board read everybody of their school,
  // guardian and student accounts included. Accounts are created (`create`: the admin board, for its
  // school) and passwords reset (`reset_password`) by the staff-accounts function, never through the table
  // (OUT_OF_BAND). Reset, rule in rpc authorize_password_reset: Ban quản trị đặt lại mật khẩu cho người chỉ
  // gắn với trường mình (vai trò mọi năm học, liên kết phụ huynh, học sinh), trừ Ban giám hiệu; Phòng/Sở
  // GD&ĐT đặt lại mật khẩu người chỉ giữ vai trò Ban giám hiệu ở các trường trực thuộc (không vai trò, liên
  // kết nào khác); các tài khoản khác khôi phục mật khẩu qua email; mỗi lần đặt lại được ghi vào Nhật ký
  // tài khoản (rpc resettable_accounts gives the rows; tests/api/account_takeover*.test.ts).
  profiles: merge(
    everyRole(read('self')),
    roles(STAFF_ROLES, read('school')),
    roles(['admin_board'], { create: 'school', reset_password: 'school' }),
    { district_officer: { reset_password: 'district' }, province_officer: { reset_password: 'province' } },
  ),

  // Vai trò: a person reads their own; BGH and the admin board read their school's; the admin board
  // grants, changes and removes roles of its own school and year to people of its school (a role there in
  // any year, or an account its board created) — never its own, never BGH or officer roles. BGH roles
  // (principal, vice principal) are the level above's: a Phòng/Sở officer reads, grants (`appoint`),
  // changes and removes them for the schools under it — `list`/`show` at district/province scope here
  // mean those BGH rows only (tests/api/account_takeover.test.ts). Nobody signed in grants or changes a
  // role of an ended school year (removing one stays as above), and nobody holds a BGH role and
  // admin_board in the same school year (tests/api/account_takeover_review.test.ts).
  memberships: merge(
    everyRole(read('self')),
    roles(BGH_AND_BOARD, read('school')),
    roles(['admin_board'], { create: 'school', edit: 'school', delete: 'school' }),
    { district_officer: { ...read('district'), appoint: 'district' }, province_officer: { ...read('province'), appoint: 'province' } },
  ),

  // Nhật ký (rpc/audit_entries; the table itself is not readable through the API): an entry shows each
  // reader exactly the rows it reads in the table the entry describes — that table's own cell here,
  // enforced by that table's own SELECT policy — and is not listed when none is left; a bulk statement's
  // other rows, and one's own past actions on rows one no longer reads, stay hidden. The cell states the
  // widest of those scopes per role (`self`: one's own membership and student rows). Nobody writes it
  // (triggers only).
  audit_log: merge(
    everyRole(read('self')),
    roles(['subject_teacher', 'dept_head'], read('assignment')),
    roles(['homeroom_teacher'], read('homeroom')),
    roles(['guardian'], read('guardian_of')),
    roles(['principal', 'vice_principal', 'admin_board', 'it_staff', 'clerk', 'nurse'], read('school')),
  ),

  // Tổng hợp trường (rpc school_summaries): counts only, never a student row. Staff get their own
  // school, Phòng and Sở officers every school below them.
  school_summaries: merge(
    roles(STAFF_ROLES, { list: 'school' }),
    { district_officer: { list: 'district' }, province_officer: { list: 'province' } },
  ),

  // Sổ điểm (TT22). Scores and ratings are written only through rpc save_score_entries, by the teacher
  // of the assignment (a Tổ trưởng teaches classes too: private.teaches()); a re-test by the GVCN; a
  // cleared cell is deleted (audited).
  // Xuất Excel (`export`) is the sheet as read, written out in the browser: whoever reads it.
  score_entries: merge(
    gradebookReaders,
    roles(['principal', 'vice_principal', 'admin_board', 'clerk'], { export: 'school' }),
    roles(['dept_head'], { export: 'department' }),
    roles(['subject_teacher'], { export: 'assignment' }),
    roles(['homeroom_teacher'], { export: 'homeroom' }),
    roles(['subject_teacher', 'dept_head'], { create: 'assignment', edit: 'assignment', delete: 'assignment' }),
    roles(['homeroom_teacher'], { create: 'homeroom', edit: 'homeroom', delete: 'homeroom' }),
  ),
  // Nhận xét môn học: the teacher of the assignment.
  subject_comments: merge(
    gradebookReaders,
    roles(['subject_teacher', 'dept_head'], { create: 'assignment', edit: 'assignment', delete: 'assignment' }),
  ),
  // Rèn luyện and Chuyên cần: the GVCN writes; the class's teachers read.
  conduct_ratings: merge(
    gradebookReaders,
    roles(['homeroom_teacher'], { create: 'homeroom', edit: 'homeroom', delete: 'homeroom' }),
  ),
  attendance: merge(
    gradebookReaders,
    roles(['homeroom_teacher'], { create: 'homeroom', edit: 'homeroom', delete: 'homeroom' }),
  ),
  // Kết quả (views, computed): nobody writes them.
  subject_results: gradebookReaders,
  student_results: resultReaders,
  // Quyết định khoá sổ: the principal records a decision to lock or to unlock, with its scope (period,
  // class, subject; empty = all); staff read. Khoá/mở khoá: the admin board, each event citing a decision
  // of its year covering its scope — an unlock only the principal's UNLOCK decision (a lock decision never
  // opens anything; checked for every writer, the service role too). While a period is frozen (locked,
  // or its results proposed/approved/published), what its results are computed from is frozen with it for
  // every role — enrolments, class subjects and periods, exemptions, a class's grade, the year's semester
  // dates, the catalogue's assessment kind, measures (PT423) — until the principal's unlock decision and
  // the board's unlock event open that scope; the board relocks after the change (audited).
  // tests/api/freezes.test.ts.
  lock_decisions: merge(roles(STAFF_ROLES, read('school')), roles(['principal'], { create: 'school' })),
  gradebook_locks: merge(
    roles(STAFF_ROLES, read('school')),
    roles(['admin_board'], { create: 'school', lock: 'school', unlock: 'school' }),
  ),

  // Đề nghị sửa điểm (tables correction_requests/items/witnesses, written only through
  // rpc/save_correction_request and rpc/advance_correction; tests/api/corrections.test.ts). A teacher
  // files for the sheets they enter (their assignments; the GVCN the re-test sheet) and reads their own;
  // once submitted the admin board, BGH and the inspection board read the school's, the GVCN the class's.
  // The principal or a vice principal approves (never their own); the admin board forwards and unlocks
  // (unlock), relocks and closes the minutes (lock). The steps a user may take on a request now are the
  // row's `allowed_actions`; each step's button is the cell correctionModel.TRANSITION_ACTION names
  // (tests/api/correction_actions.test.ts holds the two together).
  // Whoever reads a request prints its minutes (biên bản) for signing.
  correction_requests: merge(
    roles(['subject_teacher', 'dept_head'], { ...read('self'), print: 'self', create: 'assignment' }),
    roles(['homeroom_teacher'], { ...read('homeroom'), print: 'homeroom', create: 'homeroom' }),
    roles(['inspector'], { ...read('school'), print: 'school' }),
    roles(['principal', 'vice_principal'], { ...read('school'), print: 'school', approve: 'school' }),
    roles(['admin_board'], { ...read('school'), print: 'school', unlock: 'school', lock: 'school' }),
  ),
  // Duyệt và công bố kết quả (rpc/advance_results; tests/api/publications.test.ts): staff of the year
  // read every class's state; the GVCN proposes (create), BGH approves and publishes.
  result_publications: merge(
    roles(STAFF_ROLES, read('school')),
    roles(['homeroom_teacher'], { create: 'homeroom' }),
    roles(['principal', 'vice_principal'], { approve: 'school' }),
  ),
  // Kết quả học tập of a family (rpc/my_results): published periods only, own child / self.
  my_results: merge(roles(['guardian'], read('guardian_of')), roles(['student'], read('self'))),

  // Phẩm chất, năng lực (TT27): as conduct, the GVCN writes; the class's teachers read.
  quality_ratings: merge(
    gradebookReaders,
    roles(['homeroom_teacher'], { create: 'homeroom', edit: 'homeroom', delete: 'homeroom' }),
  ),
  // Tiến độ nhập điểm (rpc/gradebook_progress): BGH, the admin board and the clerk the school; a
  // Tổ trưởng the department; a teacher their own sheets.
  gradebook_progress: merge(
    roles(['principal', 'vice_principal', 'admin_board', 'clerk'], { list: 'school' }),
    roles(['dept_head'], { list: 'department' }),
    roles(['subject_teacher', 'homeroom_teacher'], { list: 'assignment' }),
  ),
  // Biên bản kiểm tra: BGH record checks of anyone, a Tổ trưởng monthly checks of the department; the
  // admin board reads the school's; a teacher reads the checks of their own work. Whoever reads a record
  // prints it (`print`: the browser's print of the biên bản, no server call).
  inspections: merge(
    roles(['principal', 'vice_principal'], { ...read('school'), print: 'school', create: 'school' }),
    roles(['admin_board'], { ...read('school'), print: 'school' }),
    roles(['dept_head'], { ...read('department'), print: 'department', create: 'department' }),
    roles(['subject_teacher', 'homeroom_teacher'], { ...read('self'), print: 'self' }),
  ),
  // Thời hạn và lịch kiểm tra: staff read; the admin board sets the deadlines, BGH and the admin board
  // the test dates (assessment_periods, policies assessment_periods_*: BGH's `edit` here is that card's,
  // the deadlines row itself stays the admin board's — the screen asks rpc/deadlines_of's can_edit).
  school_deadlines: merge(
    roles(STAFF_ROLES, read('school')),
    roles(['admin_board'], { create: 'school', edit: 'school' }),
    roles(['principal', 'vice_principal'], { edit: 'school' }),
  ),

  // In ấn và lưu trữ: the school's office (admin board, clerk) prints a class's transcripts of a locked
  // year as a job (rpc create_print_job) and a class's gradebook (rpc class_gradebook_data, a part at a
  // time, and create_gradebook_job for the whole book), browses the archive (document_versions) and keeps
  // the register of copies (copy_applications: records an application — `create` — and issues the copy —
  // `print`); BGH reads all three; IT staff read the archive (integrity checks); a GVCN prints the
  // homeroom class's transcripts and gradebook and reads its students' versions.
  documents: merge(
    roles(['admin_board', 'clerk'], { list: 'school', create: 'school', print: 'school' }),
    roles(['principal', 'vice_principal', 'it_staff'], { list: 'school' }),
    roles(['homeroom_teacher'], { list: 'homeroom', print: 'homeroom' }),
  ),

  // Ký số (issue 15; the sign function and the signing RPCs, tests/functions/sign.test.ts and
  // tests/e2e/signing.test.ts): each signer's inbox and batches — a subject teacher their subjects, the
  // GVCN the homeroom class, the principal last, a clerk the school's signature; the principal opens a
  // class's signing window (`approve`); the admin board requests and revokes certificates (`create`,
  // `delete`); BGH and the admin board read every class's signature board.
  signing: merge(
    roles(['principal', 'vice_principal', 'admin_board', 'clerk'], { list: 'school' }),
    roles(['homeroom_teacher'], { list: 'homeroom', sign: 'homeroom' }),
    roles(['subject_teacher'], { list: 'assignment', sign: 'assignment' }),
    roles(['principal', 'clerk'], { sign: 'school' }),
    roles(['principal'], { approve: 'school' }),
    roles(['admin_board'], { create: 'school', delete: 'school' }),
  ),

  // Y tế trường học (issue 16; tests/api/health.test.ts, tests/functions/health_records.test.ts): the
  // nurse keeps the health book (the tables health_*, student_measures, clinic_visits, health_notices),
  // imports examinations and screenings, sends notices, prints and exports the reports; BGH read a
  // student's book through rpc health_book (each read in the access log) and the reports; the family
  // reads its own child's book and notices; Phòng and Sở officers read the reports' counts (under 5
  // shown as "< 5"). A primary GVCN of a school without a nurse keeps the class's height and weight on
  // the TT27 screens (student_measures), not here.
  health: merge(
    // No delete: a record is corrected or set inactive, never removed (retention, issue 19; the database
    // refuses deletes of health records through any API, migration 20261205010000).
    roles(['nurse'], { ...read('school'), create: 'school', edit: 'school', print: 'school', export: 'school' }),
    roles(['principal', 'vice_principal'], { ...read('school'), print: 'school', export: 'school' }),
    roles(['guardian'], read('guardian_of')),
    roles(['student'], read('self')),
    { district_officer: { list: 'district' }, province_officer: { list: 'province' } },
  ),
  // Cảnh báo sức khỏe of a class (rpc class_health_alerts): the nurse and BGH every class, the GVCN the
  // homeroom class (allergies, conditions and plans, follow-up findings), a teacher of the class that a
  // student has an alert and the severe cases' action plans.
  health_alerts: merge(
    roles(['nurse', 'principal', 'vice_principal'], { list: 'school' }),
    roles(['homeroom_teacher'], { list: 'homeroom' }),
    roles(['subject_teacher', 'dept_head'], { list: 'assignment' }),
  ),

  // Nhật ký tài khoản: accounts created by a board and passwords reset (who, for whom, under which
  // school). The school's admin board and BGH read its records; everybody the records of what they did
  // and about their own account. Nobody writes the table (the staff-accounts path does; see OUT_OF_BAND
  // for the resets themselves).
  account_events: merge(everyRole(read('self')), roles(BGH_AND_BOARD, read('school'))),

  // Hồ sơ điện tử (issue 17; migrations 20261204008000/9000, the `dossiers` function; tests/api and
  // tests/functions of the dossiers, tests/e2e/dossiers.test.ts). Screens over RPCs; RLS and the RPCs
  // decide every row and step (rpc dossier_list's can_submit / can_review).
  // Hồ sơ của tôi (rpc dossier_list p_mine): every staff member their own obligations — upload (`create`),
  // sign, submit (`create`), ask to change an approved one (`edit`); a Tổ trưởng also the department's,
  // BGH, the admin board and the clerk the school's own files (and the clerk the library/equipment ones).
  dossiers: merge(
    roles(STAFF_ROLES, { list: 'self', create: 'self', edit: 'self', sign: 'self' }),
    roles(['dept_head'], { create: 'department', edit: 'department', sign: 'department' }),
    roles(['principal', 'vice_principal', 'admin_board', 'clerk'], { create: 'school', edit: 'school', sign: 'school' }),
  ),
  // Duyệt hồ sơ (rpc dossier_list p_to_review, review_dossier): BGH the school's, a Tổ trưởng the
  // department's teachers' (the item's reviewer decides; nobody reviews their own).
  dossier_reviews: merge(
    roles(['principal', 'vice_principal'], { list: 'school', approve: 'school' }),
    roles(['dept_head'], { list: 'department', approve: 'department' }),
  ),
  // Theo dõi hồ sơ (rpc dossier_compliance): BGH and the admin board the school's, a Tổ trưởng the
  // department's; a check round (`create`, rpc record_dossier_check) by BGH over the school, by a Tổ
  // trưởng over the department; reopen requests decided (`approve`) by BGH; the semester/year lock by the
  // principal; the year-end package (`export`) by the principal and the admin board.
  dossier_compliance: merge(
    roles(BGH_AND_BOARD, { list: 'school' }),
    roles(['dept_head'], { list: 'department', create: 'department' }),
    roles(['principal', 'vice_principal'], { create: 'school', approve: 'school' }),
    roles(['principal'], { lock: 'school' }),
    roles(['principal', 'admin_board'], { export: 'school' }),
  ),
  // Danh mục hồ sơ (dossier_groups, dossier_items): staff read their office's and their school's; the
  // office's officers read and add to their office's catalogue (and read those below), a school's admin
  // board adds the school's own items (never changes the office's: RLS).
  dossier_catalogue: merge(
    roles(STAFF_ROLES, read('school')),
    roles(['admin_board'], { create: 'school' }),
    { district_officer: { ...read('district'), create: 'district' }, province_officer: { ...read('province'), create: 'province' } },
  ),
  // Hồ sơ các trường (rpc dossier_school_compliance, then a school's dossier_compliance): the managing
  // office, counts and statuses only — never a teacher's file.
  dossier_schools: { district_officer: { list: 'district' }, province_officer: { list: 'province' } },
  // Tổng quan các trường (rpc office_overview): the Phòng over its schools, the Sở over its schools and
  // Phòng(s) — counts only, every count under 5 as "< 5"; drill down Sở → Phòng → school.
  office_overview: { district_officer: { list: 'district' }, province_officer: { list: 'province' } },

  // Sao lưu và khôi phục (issue 19; migration 20261205020000_backups.sql, tests/functions/backups.test.ts):
  // IT staff back the school up (`create`), ask to download a backup (`export`) and ask for a restore;
  // BGH approve a download (`approve`; the principal alone decides a restore, in Postgres); the admin
  // board follows the backups and restores.
  backups: merge(
    roles(['it_staff'], { list: 'school', create: 'school', export: 'school' }),
    roles(['principal', 'vice_principal'], { list: 'school', approve: 'school' }),
    roles(['admin_board'], { list: 'school' }),
  ),

  // Chuyển năm học (issue 20; migration 20261205040000_school_year_cycle.sql, tests/db/year_cycle.test.ts):
  // the admin board prepares the next school year (`create`) and opens it (`edit`); everyone else is
  // refused in Postgres, and nobody but the board sees a year being prepared.
  year_cycle: roles(['admin_board'], { list: 'school', create: 'school', edit: 'school' }),
};

/**
 * Cells the product needs that nothing implements yet. They are not in `matrix` (so the admin hides
 * them); the generated test reports them as "not built" instead of counting them.
 */
export const NOT_BUILT: readonly NotBuilt[] = [
  { resource: 'students', action: 'export', intended: { admin_board: 'school' }, note: 'Xuất danh sách học sinh: export function (later issue).' },
  { resource: 'classes', action: 'sign', intended: { principal: 'school', homeroom_teacher: 'homeroom', subject_teacher: 'assignment' }, note: 'Ký số sổ theo dõi và đánh giá học sinh (the class gradebook; transcripts are signed under `signing`).' },
  { resource: 'audit_log', action: 'export', intended: { admin_board: 'school', it_staff: 'school' }, note: 'Xuất nhật ký (later issue).' },
];

/**
 * Cells of `matrix` enforced outside the tables (an edge function that checks the caller through RLS and
 * then acts with the service role; the auth server). Tried by that path's own suite, listed so the
 * matrix test reports them instead of probing a table.
 */
export const OUT_OF_BAND: readonly OutOfBand[] = [
  { resource: 'profiles', action: 'create', note: 'staff-accounts function (tests/api/staff-accounts.test.ts).' },
  { resource: 'profiles', action: 'reset_password', note: 'staff-accounts function, rule in rpc authorize_password_reset (tests/api/account_takeover*.test.ts).' },
  { resource: 'account', action: 'edit', note: 'the auth server: one\'s own session and current password (tests/api/auth.test.ts).' },
];
