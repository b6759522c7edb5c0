/**
 * Statuses that mean an item is no longer open, for every job that counts open
 * items (validation's closed-date and review rules, heat maps, rollup), so a
 * risk the heat map leaves out is also one validation treats as closed.
 */
export const CLOSED_STATUSES: readonly string[] = ["Closed", "Done", "Complete", "Completed", "Resolved", "Finished", "Rejected", "Retired"];
