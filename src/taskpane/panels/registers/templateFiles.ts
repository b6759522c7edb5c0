import { exportTemplate } from "../../../core/templates/custom";
import type { Template } from "../../../core/templates/schema";

/** A chosen file's text; through FileReader where Blob.text is missing (older web views). */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(file);
  });
}

/** Saves text as a download named `fileName`, through the browser (the pane's web view or the playground). */
export type SaveFileFn = (fileName: string, text: string) => void;

export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A template as the JSON file a PMO manager can edit and import again: "risk.template.json". */
export function saveTemplateFile(template: Template, save: SaveFileFn = downloadText): void {
  save(`${template.id}.template.json`, exportTemplate(template));
}
