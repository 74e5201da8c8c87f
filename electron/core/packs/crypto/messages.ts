/**
 * User-facing zh-CN messages of the pack signing/verification library. Kept here (and not
 * in shared/i18n) because this folder is self-contained; move them to the catalogue when
 * the packs feature is wired to the contract.
 */
const mib = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export const msg = {
  // verification problems
  altered: (p: string) => `文件已被篡改：${p}（内容与清单记录的哈希值不一致）`,
  alteredSize: (p: string, expected: number, actual: number) =>
    `文件已被篡改：${p}（大小应为 ${expected} 字节，实际为 ${actual} 字节）`,
  missing: (p: string) => `文件缺失：${p}（清单中有记录，但验收包中找不到）`,
  extra: (p: string) => `多余文件：${p}（不在签名清单中）`,
  manifestMissing: '验收包中找不到清单文件 manifest.json，无法校验',
  manifestUnreadable: (why: string) => `清单文件 manifest.json 无法解析：${why}`,
  manifestBadEntry: (p: string) => `清单中的路径不安全或重复，已忽略：${p}`,
  sigMissing: (p: string) => `签名文件缺失：${p}`,
  unsigned: '验收包没有有效的签名文件 manifest.sig，无法确认清单未被修改',
  sigUnreadable: (p: string, why: string) => `签名文件无法解析：${p}（${why}）`,
  ed25519Bad: '清单的 Ed25519 签名无效：manifest.json 在签名后被修改，或签名与验收包中的公钥不匹配',
  sm2Bad: '清单的 SM2 签名无效：manifest.json 在签名后被修改，或签名与验收包中的公钥不匹配',
  rawSigBad: (p: string) => `签名文件 ${p} 与清单签名不一致或无效`,
  fingerprintMismatch: (what: string) => `签名记录中的${what}指纹与验收包中的${what}不一致`,
  untrusted: (what: string, fp: string) => `${what}（指纹 ${fp}）不在受信任的公钥列表中：该验收包可能被他人重新签名`,
  sumsAltered: 'SHA256SUMS 与签名清单不一致（该文件被修改过）',
  sumsMissing: '缺少 SHA256SUMS 文件',
  unsafeName: (p: string, why: string) => `不安全的文件名：${p}（${why}），已拒绝读取`,
  duplicateName: (p: string) => `压缩包中有重复的文件名：${p}`,
  symlink: (p: string) => `不支持符号链接或特殊文件：${p}`,
  readFailed: (p: string, why: string) => `文件无法读取：${p}（${why}）`,
  encrypted: (p: string) => `压缩包中的文件已加密，无法校验：${p}`,
  unsupportedCompression: (p: string) => `压缩包中的文件使用了不支持的压缩方式：${p}`,
  entryTooLarge: (p: string, limit: number) => `文件超过校验上限 ${mib(limit)}，已拒绝读取：${p}`,
  pdfTooLarge: (p: string, limit: number) => `PDF 超过 ${mib(limit)}，未校验其内嵌签名：${p}`,
  ignoredOsFile: (p: string) => `已忽略操作系统生成的文件：${p}`,
  // PDF signatures
  pdfSigParse: (p: string, why: string) => `PDF 签名无法解析：${p}（${why}）`,
  pdfSigEmpty: (p: string) => `PDF 含有签名占位但未签名：${p}`,
  pdfSigRange: (p: string) => `PDF 签名的字节范围无效：${p}`,
  pdfSigNotWhole: (p: string) => `PDF 签名未覆盖整个文件（签名后文件被追加修改）：${p}`,
  pdfSigDigest: (p: string) => `PDF 内容与签名摘要不一致（签名后被修改）：${p}`,
  pdfSigInvalid: (p: string) => `PDF 签名值无效（与签名证书不匹配）：${p}`,
  // read errors (exit 2)
  notFound: (p: string) => `找不到要校验的验收包：${p}`,
  notAPack: (p: string) => `无法校验：${p} 既不是文件夹也不是 ZIP 文件`,
  zipInvalid: (p: string, why: string) => `无法读取压缩包 ${p}：文件不是有效的 ZIP 或已损坏（${why}）`,
  zipTooManyEntries: (n: number, limit: number) => `压缩包条目过多（${n} 个，上限 ${limit} 个），已拒绝读取`,
  zipTooLarge: (limit: number) => `压缩包解压后总大小超过上限 ${mib(limit)}（疑似压缩炸弹），已拒绝读取`,
  zipOverlap: '压缩包中的条目相互重叠（疑似压缩炸弹），已拒绝读取',
  ioError: (p: string, why: string) => `读取失败：${p}（${why}）`,
  // build / sign
  buildUnsafeName: (p: string, why: string) => `文件名不适合放入验收包：${p}（${why}）`,
  buildSymlink: (p: string) => `验收包文件夹中不能有符号链接或特殊文件：${p}`,
  buildCaseDuplicate: (p: string) => `验收包中有仅大小写不同的文件名，在 Windows 上会互相覆盖：${p}`,
  buildNoFolder: (p: string) => `验收包文件夹不存在：${p}`,
  buildBadMeta: (why: string) => `验收包信息不完整：${why}`,
  buildNoManifest: (p: string) => `请先生成清单 manifest.json：${p}`,
  // identity
  identityCorrupt: (why: string) => `签名身份文件已损坏或不一致，请从备份恢复或重新生成：${why}`,
  identityBadInput: (why: string) => `签名身份参数无效：${why}`,
  p12Password: '证书文件密码错误，或文件已损坏',
  p12Invalid: '无法识别的证书文件：请选择 PKCS#12 格式（.p12 / .pfx）的证书文件',
  p12NoKey: '证书文件中没有私钥：请导出“包含私钥”的 .p12 / .pfx 文件',
  p12NoCert: '证书文件中没有证书',
  p12NotRsa: '证书的密钥不是 RSA 类型：PDF 签名目前只支持 RSA 证书',
  p12KeyMismatch: '证书文件中的私钥与证书不匹配',
  p12NotYetValid: (from: string) => `证书尚未生效（生效时间 ${from}）`,
  p12Expired: (to: string) => `证书已过期（有效期至 ${to}）`,
  p12KeyUsage: '该证书的用途不包含数字签名，不能用于签署文件',
} as const;

/** Human names of the things a fingerprint belongs to. */
export const what = {
  ed25519: 'Ed25519 公钥',
  sm2: 'SM2 公钥',
  certificate: '签名证书',
} as const;
