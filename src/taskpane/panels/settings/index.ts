export { SettingsPanel } from "./SettingsPanel";
export { useSettingsForm, validateDraft, type SettingsDraft, type SettingsFormState } from "./useSettingsForm";
