import type { ComponentType, ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { Section } from '../router';
import type { SectionPageProps } from '../pages/types';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { InspectionsPage } from '../pages/inspections/InspectionsPage';
import { FaultsPage } from '../pages/faults/FaultsPage';
import { WorkOrdersPage } from '../pages/workorders/WorkOrdersPage';
import { AttendancePage } from '../pages/attendance/AttendancePage';
import { AssetsPage } from '../pages/assets/AssetsPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';

export interface SectionDef {
  key: Section;
  icon: ReactNode;
  Page: ComponentType<SectionPageProps>;
}

/** The menu, in order. Each feature owns its page under renderer/pages/<feature>/. */
export const SECTION_DEFS: readonly SectionDef[] = [
  { key: 'dashboard', icon: <DashboardOutlined />, Page: DashboardPage },
  { key: 'inspections', icon: <SafetyCertificateOutlined />, Page: InspectionsPage },
  { key: 'faults', icon: <AlertOutlined />, Page: FaultsPage },
  { key: 'workorders', icon: <FileDoneOutlined />, Page: WorkOrdersPage },
  { key: 'attendance', icon: <CalendarOutlined />, Page: AttendancePage },
  { key: 'assets', icon: <DatabaseOutlined />, Page: AssetsPage },
  { key: 'reports', icon: <AuditOutlined />, Page: ReportsPage },
  { key: 'settings', icon: <SettingOutlined />, Page: SettingsPage },
];
