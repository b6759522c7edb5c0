export declare const EXIT: { valid: 0; invalid: 1; unreadable: 2; unreachable: 3 };
export declare function validationOutcome(result: unknown): { code: number; lines: string[] };
