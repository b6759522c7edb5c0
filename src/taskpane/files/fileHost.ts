/**
 * The file host the pane reads picked files with (PackageWorkbook: a .xlsx
 * read from its package, without a model). It is a chunk of its own, shared
 * by every panel that reads a picked file and fetched on the first pick, so
 * no panel carries it before a person chooses a file.
 */
export function loadFileHost() {
  return import(/* webpackChunkName: "file-host" */ "../../hosts/xlsx/package-read");
}
