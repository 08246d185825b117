// The health module's pages (one chunk): Y tế trường học and Cảnh báo sức khỏe.
export { HealthPage } from './HealthPage.tsx';
export { HealthAlertsPage } from './HealthAlertsPage.tsx';
