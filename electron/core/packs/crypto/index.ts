/** Signing and verification of acceptance packs (月度/年度验收资料). */
export { IdentityError, PackBuildError, PackReadError, type IdentityErrorReason, type PackReadReason } from './errors';
export * from './format';
export type * from './types';
export {
  identityDir,
  importP12,
  loadIdentity,
  loadOrCreateIdentity,
  publicIdentity,
  type CertificateInfo,
  type IdentityOptions,
  type PublicIdentity,
  type SigningIdentity,
} from './identity';
export { buildManifest, signManifest, writeManifest, writeSha256Sums } from './manifest';
export { sealPack, type SealedPack } from './seal';
export { addSignaturePlaceholder, pdfkitToBuffer, signPdf, DEFAULT_PDF_SIGNATURE_BYTES, type PdfSignatureFields } from './pdfsign';
export { checkPdfSignatures, type PdfSignatureReport } from './pdfverify';
export { verifyPack, DEFAULT_LIMITS, type TrustedKeys, type VerifyLimits, type VerifyOptions, type VerifyResult } from './verify';
export { renderVerifyHtml, writeVerifyHtml, type VerifyHtmlInput } from './verify-html';
export { zipFolder, type ZipOptions, type ZipResult } from './zip';
export { Sm3, sm3Hex } from './sm3';
