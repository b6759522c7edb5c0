export * from "./finding";
export * from "./register-rows";
export { validateRegister, isClosedStatus, isPlaceholderRow } from "./validate-register";
export { CustomRuleSchema, CustomRulesSchema, type CustomRule } from "./custom-rules";
export { matchAllowed, editDistance } from "./suggest";
export { readDateText, readAmountText, readPercentText } from "./typed-text";
