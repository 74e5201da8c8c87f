/**
 * Role letters per channel: a = 系统管理员 admin, e = 运维工程师 engineer, m = 项目负责人 manager,
 * u = 审计员 auditor, '*' = public (no login). Pinned by accounts/policy.test.ts.
 */
export type PolicyRows = Record<string, string>;
