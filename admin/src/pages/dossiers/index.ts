// The electronic dossiers' pages (issue 17; one chunk): Hồ sơ của tôi, Duyệt hồ sơ, Theo dõi hồ sơ,
// Danh mục hồ sơ and Hồ sơ các trường.
export { MyDossiersPage } from './MyDossiersPage.tsx';
export { ReviewPage } from './ReviewPage.tsx';
export { CompliancePage } from './CompliancePage.tsx';
export { CataloguePage } from './CataloguePage.tsx';
export { SchoolsPage } from './SchoolsPage.tsx';
