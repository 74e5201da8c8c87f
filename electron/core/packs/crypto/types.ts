/** Public types of the pack signing library. */

export type PackKind = 'monthly' | 'annual';

export interface PackMeta {
  kind: PackKind;
  /** e.g. `2024-06` (monthly) or `2023-2024` / `2024` (annual): free text, checked non-empty. */
  period: string;
  /** Project name as printed on the forms. */
  project: string;
  /** UTC ISO-8601 instant (from the injected clock). */
  createdAt: string;
  softwareVersion: string;
}

export interface ManifestEntry {
  /** Posix path relative to the pack root. */
  path: string;
  size: number;
  sha256: string;
  sm3: string;
}

export interface PackManifest extends PackMeta {
  format: 'owb-pack-manifest/1';
  hashAlgorithms: ['sha256', 'sm3'];
  totals: { files: number; bytes: number };
  entries: ManifestEntry[];
}

export type ProblemKind = 'altered' | 'missing' | 'extra' | 'bad_signature' | 'unreadable' | 'bad_pdf_signature';

export interface PackProblem {
  kind: ProblemKind;
  /** Posix path inside the pack, when the problem is about one file. */
  path?: string;
  /** zh-CN, for the user. */
  message: string;
}
