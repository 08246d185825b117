/** @jsxRuntime automatic */
/** @jsxImportSource react */
// Báo cáo công tác y tế trường học (the school's yearly health report, or one class's summary) as a PDF:
// A4 landscape, the school and the national motto, the title with the school year (and class), the
// table per grade and sex with the total row, the place-and-date line and the nurse's and principal's
// signature blocks. Pure rendering of rpc health_report's answer; the column words are the contract's.
import { Text, View } from '@react-pdf/renderer';
import { formatCount, REPORT_COUNTS, REPORT_HEADERS, reportRowLabel, type HealthReport } from '../contracts/health.ts';
import { OfficialDocument, PageFrame, Signature, styles, Table, type Column } from './components.tsx';
import { date, nfc } from './format.ts';

export function HealthReportDocument({ report }: { report: HealthReport }) {
  const title = report.class
    ? `TỔNG HỢP SỨC KHỎE HỌC SINH LỚP ${report.class.name} – NĂM HỌC ${report.school_year.code}`
    : `BÁO CÁO CÔNG TÁC Y TẾ TRƯỜNG HỌC – NĂM HỌC ${report.school_year.code}`;
  const columns: Column[] = [
    { title: 'Khối / giới', width: '10%', align: 'left' },
    ...REPORT_COUNTS.map((k) => ({ title: REPORT_HEADERS[k], width: `${90 / REPORT_COUNTS.length}%` })),
  ];
  const rows = report.rows.map((r) => [reportRowLabel(r, report), ...REPORT_COUNTS.map((k) => formatCount(r[k]))]);
  const [y, m, d] = report.today.split('-');
  return (
    <OfficialDocument title={title} author={report.school.name} issued={new Date(`${report.today}T00:00:00+07:00`)}>
      <PageFrame orientation="landscape">
        <View style={[styles.row, { marginBottom: 8 }]}>
          <View style={{ width: '42%', alignItems: 'center' }}>
            <Text style={styles.bold}>{nfc(report.school.name.toLocaleUpperCase('vi'))}</Text>
            <View style={[styles.rule, { width: 60 }]} />
          </View>
          <View style={{ width: '58%', alignItems: 'center' }}>
            <Text style={styles.bold}>{nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')}</Text>
            <Text style={[styles.bold, { fontSize: 12 }]}>{nfc('Độc lập - Tự do - Hạnh phúc')}</Text>
            <View style={[styles.rule, { width: 150 }]} />
            <Text style={styles.italic}>{nfc(`ngày ${d} tháng ${m} năm ${y}`)}</Text>
          </View>
        </View>
        <Text style={styles.title}>{nfc(title)}</Text>
        {report.masked ? <Text style={[styles.center, styles.italic, { marginBottom: 4 }]}>{nfc('Số liệu dưới 5 học sinh được ghi "< 5".')}</Text> : null}
        <Table columns={columns} rows={rows} fontSize={8} top dense />
        <Text style={{ fontSize: 9, marginTop: 4 }}>
          {nfc(`Tình trạng dinh dưỡng theo chuẩn tăng trưởng WHO 2007 (5–19 tuổi), lần đo gần nhất trong năm học; số liệu đến ngày ${date(report.today)}.`)}
        </Text>
        <View style={[styles.row, { marginTop: 12 }]}>
          <Signature title="NHÂN VIÊN Y TẾ" hint="(Ký, ghi rõ họ tên)" width="50%" />
          <Signature title="HIỆU TRƯỞNG" hint="(Ký, ghi rõ họ tên, đóng dấu)" width="50%" />
        </View>
      </PageFrame>
    </OfficialDocument>
  );
}
