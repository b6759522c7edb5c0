import { makeStyles, tokens } from "@fluentui/react-components";

export const useApplyPlanStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  status: { outlineStyle: "none" },
});
