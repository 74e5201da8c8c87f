/** Props every section page receives from the shell. */
export interface SectionPageProps {
  /** Route segments after the section, e.g. ['backup'] for `#/settings/backup`. */
  params: string[];
}
