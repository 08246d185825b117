// Strings of Chuyển năm học (`year_cycle.*`, issue 20): the admin board prepares the next school year and opens it.
export const yearCycleVi = {
  title: 'Chuyển năm học',
  hint:
    'Ban quản trị chuẩn bị năm học tiếp theo từ năm học hiện tại: ngày của năm học, lịch kiểm tra, vai trò của cán bộ, giáo viên, ' +
    'các lớp lên lớp (10A1 → 11A1) cùng môn học và giáo viên, các lớp đầu cấp mới. Năm học đang chuẩn bị chỉ Ban quản trị nhìn thấy; ' +
    'sửa lớp, môn, phân công, vai trò và xếp lớp học sinh ở các trang tương ứng (chọn năm học mới), rồi mở năm học.',
  years: 'Các năm học của trường',
  fields: { code: 'Năm học', starts_on: 'Ngày bắt đầu', semester1_ends_on: 'Kết thúc học kỳ I', semester2_starts_on: 'Bắt đầu học kỳ II', ends_on: 'Ngày kết thúc', state: 'Trạng thái' },
  state: { preparing: 'Đang chuẩn bị', current: 'Năm học hiện tại', open: 'Đã mở' },
  prepare: 'Chuẩn bị năm học {{code}}',
  prepare_title: 'Chuẩn bị năm học {{code}}',
  prepare_hint: 'Các ngày được đề xuất từ năm học hiện tại, sau một năm; có thể sửa. Năm học mới chưa ai ngoài Ban quản trị nhìn thấy cho đến khi được mở.',
  prepare_ok: 'Tạo năm học',
  prepared: 'Đã tạo năm học {{code}}: {{classes}} lớp, {{class_subjects}} môn học của lớp, {{assignments}} phân công, {{roles}} vai trò được chuyển sang.',
  open: 'Mở năm học',
  open_confirm: 'Mở năm học {{code}}? Từ khi mở, giáo viên và gia đình nhìn thấy năm học này; từ ngày {{starts_on}} đây là năm học hiện tại. Không thể đóng lại.',
  opened: 'Đã mở năm học {{code}}.',
  no_school: 'Tài khoản không thuộc Ban quản trị của trường nào trong năm học hiện tại.',
  semester2: {
    start: 'Bắt đầu học kỳ II',
    started_tag: 'Đã bắt đầu học kỳ II',
    title: 'Bắt đầu học kỳ II năm học {{code}}',
    hint: 'Học kỳ I kết thúc ngày {{date}}. Xác nhận (hoặc sửa) ngày bắt đầu học kỳ II và ghi các phân công thay đổi từ học kỳ II: học kỳ I vẫn do giáo viên cũ phụ trách. Tất cả được ghi cùng lúc hoặc không ghi gì.',
    changes: 'Phân công thay đổi từ học kỳ II',
    assignment: 'Lớp — môn (giáo viên hiện tại)',
    teacher: 'Giáo viên học kỳ II',
    reason: 'Lý do',
    add: 'Thêm thay đổi phân công',
    pick_assignment: 'Chọn lớp và môn',
    pick_teacher: 'Chọn giáo viên',
    ok: 'Bắt đầu học kỳ II',
    refused: 'Chưa bắt đầu học kỳ II: không có thay đổi nào được ghi.',
    started: 'Đã bắt đầu học kỳ II năm học {{code}} từ ngày {{date}}; {{count}} phân công thay đổi.',
  },
  placement: {
    title: 'Xếp lớp học sinh vào năm học {{code}}',
    hint:
      'Đề xuất theo kết quả cả năm {{from}}: lên lớp vào lớp cùng tên của khối trên, ở lại lớp vào lớp cùng tên, ra trường với khối cuối cấp; ' +
      'học sinh chờ kiểm tra lại, rèn luyện trong hè hoặc chưa có kết quả được giữ lại. Sửa từng dòng nếu cần, rồi xếp lớp: tất cả được ghi cùng lúc ' +
      'hoặc không ghi gì. Trước khi mở năm học có thể hoàn tác.',
    fields: { student_code: 'Mã học sinh', full_name: 'Họ và tên', from_class: 'Lớp cũ', result: 'Kết quả năm học', action: 'Xếp', class: 'Lớp mới', placed: 'Đã xếp' },
    result: {
      promoted: 'Được lên lớp', retest: 'Chờ kiểm tra lại', summer_training: 'Chờ rèn luyện trong hè', not_promoted: 'Không được lên lớp',
      lop_hoc: 'Hoàn thành chương trình lớp học', tieu_hoc: 'Hoàn thành chương trình tiểu học', chua: 'Chưa hoàn thành', none: 'Chưa có kết quả',
    },
    action: { promote: 'Lên lớp', repeat: 'Ở lại lớp', graduate: 'Ra trường', hold: 'Giữ lại, chờ kết quả', enrolled: 'Đã có lớp' },
    all_classes: 'Tất cả các lớp',
    commit: 'Xếp lớp {{count}} học sinh',
    committed: 'Đã xếp lớp {{placed}} học sinh và ghi nhận {{graduated}} học sinh ra trường.',
    refused: 'Chưa xếp lớp được: không có thay đổi nào được ghi.',
    undo: 'Hoàn tác xếp lớp',
    undo_confirm: 'Hoàn tác việc xếp lớp của tất cả học sinh vào năm học {{code}}?',
    undone: 'Đã hoàn tác việc xếp lớp của {{count}} học sinh.',
  },
};

export const yearCycleEn: typeof yearCycleVi = {
  title: 'Year change',
  hint:
    'The admin board prepares the next school year from the current one: its dates, test days, the staff\'s roles, the classes a grade up ' +
    '(10A1 → 11A1) with their subjects and teachers, and the new first-grade classes. A year being prepared is seen by the admin board ' +
    'only; edit its classes, subjects, assignments, roles and enrolments on their pages (choose the new year), then open it.',
  years: 'School years of the school',
  fields: { code: 'School year', starts_on: 'Starts', semester1_ends_on: 'Semester I ends', semester2_starts_on: 'Semester II starts', ends_on: 'Ends', state: 'State' },
  state: { preparing: 'Being prepared', current: 'Current year', open: 'Open' },
  prepare: 'Prepare {{code}}',
  prepare_title: 'Prepare the school year {{code}}',
  prepare_hint: 'The dates are proposed from the current year, one year on; they can be changed. Nobody but the admin board sees the new year until it is opened.',
  prepare_ok: 'Create the year',
  prepared: 'Created {{code}}: {{classes}} classes, {{class_subjects}} class subjects, {{assignments}} assignments, {{roles}} roles carried over.',
  open: 'Open the year',
  open_confirm: 'Open {{code}}? From then on teachers and families see it; from {{starts_on}} it is the current year. This cannot be undone.',
  opened: 'Opened {{code}}.',
  no_school: 'This account is not on the admin board of any school this year.',
  semester2: {
    start: 'Start semester II',
    started_tag: 'Semester II started',
    title: 'Start semester II of {{code}}',
    hint: 'Semester I ends on {{date}}. Confirm (or change) the start of semester II and record the teaching assignments that change from semester II: semester I stays with its teacher. All of it is written at once or nothing is.',
    changes: 'Assignments changing from semester II',
    assignment: 'Class — subject (current teacher)',
    teacher: 'Semester II teacher',
    reason: 'Reason',
    add: 'Add an assignment change',
    pick_assignment: 'Choose the class and subject',
    pick_teacher: 'Choose a teacher',
    ok: 'Start semester II',
    refused: 'Semester II not started: nothing was written.',
    started: 'Semester II of {{code}} started on {{date}}; {{count}} assignments changed.',
  },
  placement: {
    title: 'Place students into {{code}}',
    hint:
      'Proposed from the year results of {{from}}: promoted students a grade up into the class of the same section, students not promoted ' +
      'into the class of the same name, the last grade graduated; students awaiting a re-test, summer training or a result are held. Change any ' +
      'row, then place: all of it is written at once or nothing is. It can be undone until the year is opened.',
    fields: { student_code: 'Student code', full_name: 'Full name', from_class: 'Class', result: 'Year result', action: 'Placement', class: 'New class', placed: 'Placed' },
    result: {
      promoted: 'Promoted', retest: 'Awaiting re-test', summer_training: 'Awaiting summer training', not_promoted: 'Not promoted',
      lop_hoc: 'Completed the grade', tieu_hoc: 'Completed primary school', chua: 'Not completed', none: 'No result yet',
    },
    action: { promote: 'Promote', repeat: 'Repeat the grade', graduate: 'Graduate', hold: 'Hold for the result', enrolled: 'Has a class' },
    all_classes: 'All classes',
    commit: 'Place {{count}} students',
    committed: 'Placed {{placed}} students and recorded {{graduated}} graduates.',
    refused: 'Not placed: nothing was written.',
    undo: 'Undo placement',
    undo_confirm: 'Undo the placement of every student into {{code}}?',
    undone: 'Undid the placement of {{count}} students.',
  },
};
