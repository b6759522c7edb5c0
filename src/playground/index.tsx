/** The playground's start-up: mounts at once (no Office here) with the sample workbook. */
import { createRoot } from "react-dom/client";
import { Playground } from "./Playground";

const container = document.getElementById("container");
if (!container) throw new Error("playground.html has no #container element");
createRoot(container).render(<Playground />);
