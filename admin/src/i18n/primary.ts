// Strings of the primary (TT27) screens of issue 18, item 4: the TT27 class summary
// (`student_results.tt27.*`) and the sentence a TT22-only screen shows to someone who works only at
// primary schools (`regimes.*`). The levels, results and completion use the official terms of Thông tư
// 27/2020.
export const primaryVi = {
  summary: {
    title: 'Tổng hợp kết quả giáo dục',
    notice: 'Lớp {{className}} là lớp tiểu học, đánh giá theo Thông tư 27: mức đạt được từng môn, phẩm chất, năng lực, kết quả giáo dục và hoàn thành chương trình (không xếp loại học lực, hạnh kiểm).',
    periods: {
      '1': 'Cuối học kỳ I',
      year: 'Cuối năm học',
    },
    fields: {
      subjects: 'Mức đạt được các môn (điểm KTĐK)',
      qualities: 'Phẩm chất, năng lực',
      year_result: 'Kết quả giáo dục',
      completion: 'Hoàn thành chương trình',
    },
    exempt: 'Miễn',
    levels: {
      T: 'Hoàn thành tốt (T)',
      H: 'Hoàn thành (H)',
      C: 'Chưa hoàn thành (C)',
      none: 'Chưa đánh giá',
    },
    qualities: {
      tot: 'Tốt',
      dat: 'Đạt',
      ccg: 'Cần cố gắng',
    },
    results: {
      xuat_sac: 'Hoàn thành xuất sắc',
      tot: 'Hoàn thành tốt',
      hoan_thanh: 'Hoàn thành',
      chua_hoan_thanh: 'Chưa hoàn thành',
      none: 'Chưa đủ đánh giá',
    },
    completions: {
      lop_hoc: 'Hoàn thành chương trình lớp học',
      tieu_hoc: 'Hoàn thành chương trình tiểu học',
      chua: 'Chưa hoàn thành chương trình lớp học',
      none: 'Chưa xét',
    },
    totals: {
      subject: 'Môn học',
      subjects: 'Mức đạt được các môn',
      year_result: 'Kết quả giáo dục',
      completion: 'Hoàn thành chương trình',
    },
  },
  regimes: {
    tt22_only: 'Màn hình “{{screen}}” thuộc Thông tư 22 (trung học cơ sở, trung học phổ thông) và không áp dụng cho tiểu học: học sinh tiểu học được đánh giá theo Thông tư 27.',
    tt27_only: 'Màn hình “{{screen}}” thuộc Thông tư 27, chỉ đánh giá học sinh tiểu học; trường của bạn đánh giá theo Thông tư 22.',
    tt27_hint: 'Ở tiểu học, giáo viên chủ nhiệm đánh giá phẩm chất, năng lực và xem kết quả giáo dục của lớp.',
    open_qualities: 'Phẩm chất, năng lực',
    open_summary: 'Tổng hợp kết quả giáo dục',
  },
};

export const primaryEn: typeof primaryVi = {
  summary: {
    title: 'Education results summary',
    notice: 'Class {{className}} is a primary class, assessed under Circular 27: each subject’s level, qualities and competencies, the education result and programme completion (no learning or conduct grades).',
    periods: {
      '1': 'End of semester I',
      year: 'End of year',
    },
    fields: {
      subjects: 'Subject levels (periodic test score)',
      qualities: 'Qualities and competencies',
      year_result: 'Education result',
      completion: 'Programme completion',
    },
    exempt: 'Exempt',
    levels: {
      T: 'Completed well (T)',
      H: 'Completed (H)',
      C: 'Not completed (C)',
      none: 'Not assessed',
    },
    qualities: {
      tot: 'Good',
      dat: 'Satisfactory',
      ccg: 'Needs effort',
    },
    results: {
      xuat_sac: 'Completed with excellence',
      tot: 'Completed well',
      hoan_thanh: 'Completed',
      chua_hoan_thanh: 'Not completed',
      none: 'Not enough assessments',
    },
    completions: {
      lop_hoc: 'Completed the grade programme',
      tieu_hoc: 'Completed the primary programme',
      chua: 'Did not complete the grade programme',
      none: 'Not decided',
    },
    totals: {
      subject: 'Subject',
      subjects: 'Subject levels',
      year_result: 'Education result',
      completion: 'Programme completion',
    },
  },
  regimes: {
    tt22_only: 'The “{{screen}}” screen follows Circular 22 (lower and upper secondary) and does not apply to primary schools: primary pupils are assessed under Circular 27.',
    tt27_only: 'The “{{screen}}” screen follows Circular 27 and assesses primary pupils only; your school assesses under Circular 22.',
    tt27_hint: 'In a primary school the homeroom teacher rates qualities and competencies and reads the class’s education results.',
    open_qualities: 'Qualities and competencies',
    open_summary: 'Education results summary',
  },
};
