/** The shape of a zh-CN catalogue with every message a plain string: what the English one must match. */
export type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
