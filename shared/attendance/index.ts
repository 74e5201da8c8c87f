// The attendance rules in one import (calendar, legend, rules, totals, suggestions).
export * from './calendar';
export * from './marks';
export * from './types';
export * from './rules';
export * from './totals';
export * from './suggest';
