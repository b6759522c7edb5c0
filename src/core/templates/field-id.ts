import "../zod-setup";
import { z } from "zod";

/** Canonical field ids are camelCase (PMO reference §1): "residualProbability". */
export const FieldIdSchema = z.string().regex(/^[a-z][A-Za-z0-9]*$/, "field ids are camelCase, e.g. residualProbability");
