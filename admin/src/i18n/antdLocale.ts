// antd's own texts (empty tables, pagination, pickers, confirm buttons) in the app's language. Imported
// from antd's ES build: `antd/locale/vi_VN` is a CommonJS re-export whose default the bundle did not
// unwrap, so antd fell back to English ("No data"). An empty table or list says "Không có dữ liệu".
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import type { Language } from './index.ts';

const NO_DATA_VI = 'Không có dữ liệu';

const vi: Locale = {
  ...viVN,
  Table: { ...viVN.Table, emptyText: NO_DATA_VI },
  Empty: { ...viVN.Empty, description: NO_DATA_VI },
};

export function antdLocale(language: Language | string): Locale {
  return language === 'en' ? enUS : vi;
}
