import { useTranslation } from 'react-i18next';
import { ModuleBuilding } from '../../components/ModuleBuilding';
import type { SectionPageProps } from '../types';

/** assets: the contract has no channels for this feature yet; its engineer replaces this frame. */
export function AssetsPage(_props: SectionPageProps) {
  const { t } = useTranslation();
  return <ModuleBuilding title={t('nav.assets')} testId="page-assets" />;
}
