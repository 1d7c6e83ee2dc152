// Types for layering-rule.js, which eslint.config.js (plain JS) loads as it is.
import type { Rule } from 'eslint';

export declare const layeringRule: Rule.RuleModule;
