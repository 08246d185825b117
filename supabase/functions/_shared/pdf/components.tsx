/** @jsxRuntime automatic */
/** @jsxImportSource react */
// Building blocks shared by every printed form: the A4 page with its margins, page number from page 2 and
// mark line (draft, family view, copy), the Decree 30 header (issuing body | national motto), bordered
// tables, signature blocks. Pure rendering of props; no I/O.
import type { ComponentProps, ReactNode } from 'react';
import { Document, Link, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { FONT_FAMILY } from './fonts.ts';
import { nfc } from './format.ts';
import type { Layout } from './layout.ts';
import { QrCode } from './qr.tsx';

const MM = 72 / 25.4;

export const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 11,
    lineHeight: 1.3,
    paddingTop: 20 * MM,
    paddingBottom: 24 * MM,
    paddingLeft: 30 * MM,
    paddingRight: 15 * MM,
  },
  pageNumber: { position: 'absolute', top: 10 * MM, left: 0, right: 0, textAlign: 'center', fontSize: 10 },
  mark: { textAlign: 'center', fontWeight: 700, fontStyle: 'italic', fontSize: 11, color: '#b00020', marginBottom: 6 },
  footer: { position: 'absolute', bottom: 6 * MM, left: 30 * MM, right: 15 * MM, flexDirection: 'row', alignItems: 'flex-end', justifyContent: 'flex-end', gap: 6 },
  footerText: { fontSize: 8, color: '#444444', textAlign: 'right' },
  bold: { fontWeight: 700 },
  italic: { fontStyle: 'italic' },
  center: { textAlign: 'center' },
  title: { fontSize: 14, fontWeight: 700, textAlign: 'center', marginVertical: 8 },
  row: { flexDirection: 'row' },
  table: { borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: '#000000' },
  cell: { borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: '#000000', paddingHorizontal: 3, paddingVertical: 2, justifyContent: 'center' },
  headCell: { fontWeight: 700, textAlign: 'center' },
  rule: { borderBottomWidth: 0.75, borderColor: '#000000', alignSelf: 'center', marginTop: 1, marginBottom: 4 },
});

export interface Verification {
  /** "Mã xác thực ABCD-EFGH-… · Phiên bản 2" */
  line: string;
  /** The public verification page of this document (the QR code's text). */
  url: string;
}

export interface PageFrameProps {
  /** A line printed on every page of the frame: "Bản nháp – không phải bản chính", … */
  mark?: string | null;
  /** Bottom of every page of an archived document: the verification line and the QR code of its URL. */
  footer?: Verification | null;
  /** Pages printed before this document in the book it is a part of (the class gradebook's parts). */
  pageOffset?: number;
  orientation?: 'portrait' | 'landscape';
  children: ReactNode;
}

/** One A4 page (or several, when its content flows over), numbered at the top from page 2. */
export function PageFrame({ mark, footer, pageOffset = 0, orientation = 'portrait', children }: PageFrameProps) {
  return (
    <Page size="A4" orientation={orientation} style={styles.page} wrap>
      <Text style={styles.pageNumber} fixed render={({ pageNumber }) => (pageNumber + pageOffset > 1 ? String(pageNumber + pageOffset) : '')} />
      {mark ? <Text style={styles.mark} fixed>{nfc(mark)}</Text> : null}
      {children}
      {footer ? (
        <View style={styles.footer} fixed>
          <View>
            <Text style={styles.footerText}>{nfc(footer.line)}</Text>
            <Text style={styles.footerText}>{nfc(`Tra cứu: ${footer.url}`)}</Text>
          </View>
          <QrCode text={footer.url} width={14 * MM} />
        </View>
      ) : null}
    </Page>
  );
}

/** Decree 30 header: the parent body and the school (bold, short rule) left; the national motto right. */
export function OfficialHeader({ layout, school }: { layout: Layout; school: string }) {
  return (
    <View style={[styles.row, { marginBottom: 10 }]}>
      <View style={{ width: '42%', alignItems: 'center' }}>
        <Text style={{ fontSize: 11 }}>{nfc(layout.parentBody)}</Text>
        <Text style={[styles.bold, { fontSize: 11 }]}>{nfc(school.toLocaleUpperCase('vi'))}</Text>
        <View style={[styles.rule, { width: 60 }]} />
      </View>
      <View style={{ width: '58%', alignItems: 'center' }}>
        <Text style={[styles.bold, { fontSize: 11 }]}>{nfc(layout.labels.motto_1)}</Text>
        <Text style={[styles.bold, { fontSize: 12 }]}>{nfc(layout.labels.motto_2)}</Text>
        <View style={[styles.rule, { width: 150 }]} />
      </View>
    </View>
  );
}

export interface Column {
  title: string;
  width: string;
  align?: 'left' | 'center' | 'right';
}

/** A bordered table; each row's cells follow the columns. Rows are not split across pages. `top`: cells
 *  of several lines align at the top (their first lines read as one line), else centred. `dense`: less
 *  padding (the gradebook's class lists). */
export function Table({ columns, rows, fontSize = 10, top = false, dense = false, rowSlots }: { columns: Column[]; rows: string[][]; fontSize?: number; top?: boolean; dense?: boolean; rowSlots?: (string | undefined)[] }) {
  const cell = dense ? [styles.cell, { paddingVertical: 0.5, paddingHorizontal: 1.5 }] : [styles.cell];
  return (
    <View style={[styles.table, dense ? { fontSize, lineHeight: `${fontSize * 1.2}pt` } : { fontSize }]}>
      <View style={styles.row} fixed>
        {columns.map((c, i) => (
          <View key={i} style={[...cell, { width: c.width }]}>
            <Text style={styles.headCell}>{nfc(c.title)}</Text>
          </View>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={styles.row} wrap={false}>
          {columns.map((c, j) => (
            <View key={j} style={[...cell, { width: c.width }, top ? { justifyContent: 'flex-start' } : {}]}>
              {r[j] ? <Text style={{ textAlign: c.align ?? 'center' }}>{nfc(r[j])}</Text> : null}
              {j === columns.length - 1 && rowSlots?.[i]
                ? <SlotBox name={rowSlots[i]} style={{ position: 'absolute', right: 1, bottom: 0.5, width: SLOT.row.width, height: SLOT.row.height }} />
                : null}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * Where a digital signature's appearance goes (issue 15): the room to sign in a signature block, and a
 * line at the end of a table row (a subject teacher's signature on the subjects page). A slot is an
 * invisible link annotation to an internal name ("#sig.…", which leads nowhere) whose rectangle the
 * signing code reads back (_shared/signing/pades.ts slotsOf) and replaces with the signature's widget.
 * A link because react-pdf writes an annotation's rectangle in page coordinates (a named destination
 * records only the position within its parent).
 */
export const SLOT = { block: { width: 150, height: 48 }, row: { width: 80, height: 9 } } as const;

function SlotBox({ name, style }: { name: string; style: ComponentProps<typeof View>['style'] }) {
  return <Link src={`#${name}`} style={style}><View /></Link>;
}

/** A year's signature slot: its subject teacher's (per subject), its GVCN's, its principal's. */
export function slotName(year: { school_year_id: string }, role: 'subject' | 'homeroom' | 'principal', subjectId?: string): string {
  return ['sig', year.school_year_id, role, ...(subjectId ? [subjectId] : [])].join('.');
}

/** A signature block: the date line (Decree 30: "<place>, ngày … tháng … năm …", italic) when given,
 *  title, hint, room to sign (the signature slot `slot`, when it is signed digitally), then the name. */
export function Signature({ title, hint, name, width = '50%', dateLine, slot }: { title: string; hint?: string; name?: string | null; width?: string; dateLine?: string; slot?: string }) {
  return (
    <View style={{ width, alignItems: 'center' }} wrap={false}>
      {dateLine ? <Text style={styles.italic}>{nfc(dateLine)}</Text> : null}
      <Text style={styles.bold}>{nfc(title)}</Text>
      {hint ? <Text style={[styles.italic, { fontSize: 9 }]}>{nfc(hint)}</Text> : null}
      {slot ? <SlotBox name={slot} style={{ height: SLOT.block.height, width: SLOT.block.width }} /> : <View style={{ height: SLOT.block.height }} />}
      <Text style={styles.bold}>{nfc(name ?? '')}</Text>
    </View>
  );
}

/** "Label: value" on one line, the value in bold. */
export function Field({ label, value, width }: { label: string; value: string | null | undefined; width?: string }) {
  return (
    <Text style={width ? { width } : undefined}>
      {nfc(label)}: <Text style={styles.bold}>{nfc(value ?? '')}</Text>
    </Text>
  );
}

/** The document with the metadata every printed form carries (fixed, so the same inputs give the same bytes). */
export function OfficialDocument({ title, author, issued, children }: { title: string; author: string; issued: Date; children: ReactNode }) {
  return (
    <Document title={nfc(title)} author={nfc(author)} creator="Sổ điện tử" producer="Sổ điện tử" language="vi" creationDate={issued} modificationDate={issued}>
      {children}
    </Document>
  );
}
