// Strings of Sao lưu và khôi phục (`backups.*`, issue 19): backups, their download, restores.
export const backupsVi = {
  title: 'Sao lưu và khôi phục',
  hint:
    'Bản sao lưu là bản chụp toàn bộ dữ liệu của trường tại một thời điểm, được mã hoá, kèm bản kê mã băm; không bao giờ bị ghi đè hay xoá. ' +
    'Tải bản sao cần Ban giám hiệu duyệt; khôi phục cần Hiệu trưởng quyết định, được kiểm tra trước khi thay dữ liệu và được ghi vào nhật ký.',
  list: 'Các bản sao lưu',
  start: 'Sao lưu ngay',
  kind: { on_demand: 'Theo yêu cầu', year: 'Cả năm học', semester1: 'Học kì I', semester2: 'Học kì II' },
  status: {
    running: 'Đang tạo', done: 'Hoàn tất', failed: 'Không thành công', requested: 'Chờ duyệt', approved: 'Đã duyệt', refused: 'Từ chối',
    checked: 'Đã kiểm tra, đang khôi phục', check_failed: 'Kiểm tra không đạt', applied: 'Đã khôi phục',
  },
  fields: {
    label: 'Bản sao', status: 'Trạng thái', snapshot_at: 'Thời điểm chụp', rows: 'Số dòng', size: 'Dung lượng', reason: 'Lý do',
    requested_at: 'Ngày đề nghị', links: 'Số lần lấy đường dẫn', refusal: 'Lý do từ chối', note: 'Ghi chú của Hiệu trưởng',
  },
  export: {
    title: 'Xuất dữ liệu lớp cuối năm',
    hint: 'Một tệp zip gồm dữ liệu của lớp trong năm học (học sinh, điểm, nhận xét, rèn luyện, chuyên cần), các văn bản đã lưu trữ (học bạ, sổ) và bản kê mã băm, để lưu ra thiết bị ngoài. Tải về cần Ban giám hiệu duyệt như bản sao lưu.',
    class: 'Chọn lớp của năm học đã kết thúc',
    start: 'Xuất dữ liệu lớp',
  },
  ask_download: 'Xin tải',
  ask_restore: 'Đề nghị khôi phục',
  downloads: 'Yêu cầu tải bản sao',
  restores: 'Đề nghị khôi phục dữ liệu',
  approve: 'Duyệt',
  refuse: 'Từ chối',
  get_links: 'Lấy đường dẫn tải',
  until: ' đến {{time}}',
  check_ok: 'Kiểm tra đạt: {{tables}} bảng khớp bản kê, {{chains}} chuỗi nhật ký nguyên vẹn.',
  check_failed: 'Kiểm tra không đạt: {{bad}} bảng không khớp bản kê hoặc chuỗi nhật ký bị hỏng; dữ liệu không bị thay.',
  links_title: 'Tải {{label}}',
  links_hint: 'Các đường dẫn hết hạn lúc {{time}}. Tệp đã được mã hoá: chỉ mở được bằng khoá sao lưu của trường, không kèm theo tệp.',
  file: { part: 'Phần dữ liệu {{seq}}', object: 'Bản sao tệp {{seq}}', manifest: 'Bản kê (manifest.json)', zip: 'Tệp zip dữ liệu lớp' },
  ask: {
    download: { title: 'Xin tải {{label}}', ok: 'Gửi Ban giám hiệu', text: 'Ban giám hiệu duyệt theo lý do bạn ghi. Khi được duyệt, bạn lấy được đường dẫn tải trong 24 giờ.' },
    restore: {
      title: 'Đề nghị khôi phục theo {{label}}', ok: 'Gửi Hiệu trưởng',
      text: 'Khôi phục thay toàn bộ dữ liệu của trường bằng dữ liệu của bản sao này; mọi thay đổi sau thời điểm chụp sẽ mất (nhật ký vẫn giữ). Hiệu trưởng quyết định.',
    },
    refuse_download: { title: 'Từ chối yêu cầu tải', ok: 'Từ chối', text: 'Người xin tải sẽ thấy lý do này.' },
    refuse_restore: { title: 'Từ chối đề nghị khôi phục', ok: 'Từ chối', text: 'Cán bộ công nghệ thông tin sẽ thấy lý do này.' },
    approve_restore: {
      title: 'Đồng ý khôi phục theo {{label}}', ok: 'Đồng ý khôi phục',
      text: 'Dữ liệu của trường sẽ được thay bằng dữ liệu của bản sao sau khi bản sao được kiểm tra (mã băm từng bảng, chuỗi nhật ký). Việc khôi phục được ghi vào nhật ký.',
    },
  },
};

export const backupsEn: typeof backupsVi = {
  title: 'Backups and restore',
  hint:
    "A backup is a snapshot of all the school's data at one moment, encrypted, with a manifest of hashes; it is never overwritten or deleted. " +
    'Downloading one needs the principal board’s approval; a restore needs the principal’s decision, is checked before it replaces anything, and is recorded in the audit log.',
  list: 'Backups',
  start: 'Back up now',
  kind: { on_demand: 'On demand', year: 'School year', semester1: 'Semester I', semester2: 'Semester II' },
  status: {
    running: 'Running', done: 'Done', failed: 'Failed', requested: 'Awaiting decision', approved: 'Approved', refused: 'Refused',
    checked: 'Checked, restoring', check_failed: 'Check failed', applied: 'Restored',
  },
  fields: {
    label: 'Backup', status: 'Status', snapshot_at: 'Taken at', rows: 'Rows', size: 'Size', reason: 'Reason',
    requested_at: 'Requested', links: 'Links issued', refusal: 'Reason for refusing', note: "Principal's note",
  },
  export: {
    title: 'Year-end class export',
    hint: "One zip with the class's records of the year (students, scores, comments, conduct, absences), its archived documents (transcripts, gradebook) and a manifest of hashes, for offline media. Downloading it needs the principal board's approval, as a backup does.",
    class: 'Choose a class of an ended school year',
    start: 'Export the class',
  },
  ask_download: 'Ask to download',
  ask_restore: 'Ask to restore',
  downloads: 'Download requests',
  restores: 'Restore requests',
  approve: 'Approve',
  refuse: 'Refuse',
  get_links: 'Get download links',
  until: ' until {{time}}',
  check_ok: 'Check passed: {{tables}} tables match the manifest, {{chains}} audit chains intact.',
  check_failed: 'Check failed: {{bad}} tables differ from the manifest or an audit chain is broken; nothing was replaced.',
  links_title: 'Download {{label}}',
  links_hint: "The links expire at {{time}}. The files are encrypted: only the school's backup key opens them, and it is not among them.",
  file: { part: 'Data part {{seq}}', object: 'File copy {{seq}}', manifest: 'Manifest (manifest.json)', zip: "The class's zip" },
  ask: {
    download: { title: 'Ask to download {{label}}', ok: 'Send to the principal board', text: 'The principal board decides on your reason. Once approved, you can get download links for 24 hours.' },
    restore: {
      title: 'Ask to restore {{label}}', ok: 'Send to the principal',
      text: "A restore replaces all the school's data with this backup's; every change after it was taken is lost (the audit log keeps them). The principal decides.",
    },
    refuse_download: { title: 'Refuse the download', ok: 'Refuse', text: 'The person who asked will see this reason.' },
    refuse_restore: { title: 'Refuse the restore', ok: 'Refuse', text: 'IT staff will see this reason.' },
    approve_restore: {
      title: 'Approve the restore to {{label}}', ok: 'Approve the restore',
      text: "The school's data will be replaced with the backup's once it has been checked (each table's hash, the audit chains). The restore is recorded in the audit log.",
    },
  },
};
