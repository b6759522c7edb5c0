export { planReconcile, toReconcileJson, lineAddress, type ReconcileJob, type ReconcileOptions } from "./reconcile";
export { readLedger, ledgerRowsFromHost, type LedgerRows, type LedgerBlock, type LedgerRead } from "./ledger";
export { findTracker, type FoundTracker } from "./tracker";
