/**
 * The sample portfolio's content: three projects as a PMO would keep them,
 * written by different people in different layouts. Invented names and
 * figures; the quirks (typos, text numbers, text dates, placeholder rows) are
 * the ones real public registers show.
 */

/** A date cell: [year, month 1–12, day]. A string is a date typed as text. */
export type DateCell = [number, number, number] | string | null;
/** A number cell; a string is a number typed as text ("12,500 GBP"). */
export type Amount = number | string | null;

export interface RiskRow {
  id: string;
  raised?: DateCell;
  title?: string;
  description?: string;
  category?: string;
  owner?: string;
  /** 1–5, or text such as "High" / "Med". */
  probability?: number | string;
  impact?: number | string;
  response?: string;
  mitigation?: string;
  proximity?: string;
  residualProbability?: number;
  residualImpact?: number;
  status?: string;
  review?: DateCell;
}

export interface IssueRow {
  id: string;
  raised: DateCell;
  raisedBy: string;
  description: string;
  type: string;
  priority: string;
  owner: string;
  status: string;
  target: DateCell;
  resolution?: string;
}

export interface MilestoneRow {
  id: string;
  name: string;
  owner: string;
  baseline: DateCell;
  forecast: DateCell;
  actual: DateCell;
  status: string;
  comment?: string;
}

export interface WorkPackageRow {
  wbs: string;
  name: string;
  costType: string;
  bac: Amount;
  pv: Amount;
  ev: Amount;
  ac: Amount;
  etc: Amount;
  explanation?: string;
}

export interface PeriodRow {
  period: [number, number];
  pv: number;
  ev: number | null;
  ac: number | null;
}

export interface ProjectData {
  name: string;
  code: string;
  sponsor: string;
  manager: string;
  stage: string;
  rag: "Green" | "Amber" | "Red" | "Amber/Red" | "Amber/Green";
  nextMilestone: string;
  nextMilestoneDate: DateCell;
  risks: RiskRow[];
  issues: IssueRow[];
  milestones: MilestoneRow[];
}

export const NORTHGATE: ProjectData & { workPackages: WorkPackageRow[] } = {
  name: "Northgate Depot Upgrade",
  code: "NDU",
  sponsor: "Helen Marsh",
  manager: "Tom Okafor",
  stage: "Delivery",
  rag: "Amber",
  nextMilestone: "Electrical fit-out complete",
  nextMilestoneDate: [2025, 7, 18],
  risks: [
    { id: "NDU-R01", raised: [2025, 1, 14], title: "Ground contamination", description: "Because the site was a fuel depot, contaminated soil may be found during excavation, leading to remediation cost and delay.", category: "Site", owner: "Tom Okafor", probability: 3, impact: 5, response: "Reduce", mitigation: "Commission intrusive ground survey before main works", status: "Open", review: [2025, 6, 30] },
    { id: "NDU-R02", raised: [2025, 1, 14], title: "Substation capacity", description: "The DNO may not approve the supply upgrade in time for commissioning.", category: "Utilities", owner: "Sara Lindqvist", probability: 4, impact: 4, response: "Reduce", mitigation: "Weekly calls with DNO; temporary generator quote held", status: "Open", review: [2025, 6, 16] },
    { id: "NDU-R03", raised: [2025, 2, 3], title: "Steel price rises", description: "Steel prices may rise above the tender allowance.", category: "Commercial", owner: "Raj Patel", probability: "High", impact: 3, response: "Transfer", mitigation: "Fixed-price supply agreed for frames", status: "Open", review: [2025, 7, 1] },
    { id: "NDU-R04", raised: [2025, 2, 3], title: "Bat roost in old workshop", description: "Protected species survey may find a roost, stopping demolition in the breeding season.", category: "Environmental", owner: "Tom Okafor", probability: 2, impact: "Med", response: "Accept", mitigation: "Ecologist survey booked for April", status: "Closed", review: [2025, 4, 30] },
    { id: "NDU-R05", raised: "12/03/2025", title: "Depot operations disrupted", description: "Works may block vehicle movements during peak season.", category: "Operations", owner: "Helen Marsh", probability: 3, impact: 3, response: "Reduce", mitigation: "Phased handover plan agreed with depot manager", status: "Open", review: [2025, 6, 30] },
    { id: "NDU-R06", raised: [2025, 4, 2], title: "Key contractor insolvency", description: "The M&E subcontractor may fail financially.", category: "Commercial", owner: "Raj Patel", probability: 1, impact: 5, response: "Fallback", mitigation: "Credit checks monthly; second contractor pre-qualified", status: "Open", review: [2025, 7, 15] },
    { id: "NDU-R07", raised: [2025, 5, 20], title: "Planning condition discharge", description: "Drainage condition may not be discharged before roof works.", category: "Planning", owner: "Sara Lindqvist", probability: 2, impact: 3, response: "Reduce", mitigation: "Submit drainage design early", status: "Open", review: [2025, 6, 23] },
  ],
  issues: [
    { id: "NDU-I01", raised: [2025, 3, 4], raisedBy: "Site manager", description: "Asbestos found in workshop roof sheets", type: "Problem/concern", priority: "High", owner: "Tom Okafor", status: "Closed", target: [2025, 3, 28], resolution: "Licensed removal completed 25 March" },
    { id: "NDU-I02", raised: "17/04/2025", raisedBy: "Depot manager", description: "Gate 2 closure blocks fuel deliveries", type: "Problem/concern", priority: "Medium", owner: "Helen Marsh", status: "Open", target: [2025, 6, 20] },
    { id: "NDU-I03", raised: [2025, 5, 9], raisedBy: "QS", description: "Variation for extra drainage runs not yet priced", type: "Request for change", priority: "Medium", owner: "Raj Patel", status: "Open", target: [2025, 6, 13] },
    { id: "NDU-I04", raised: [2025, 5, 29], raisedBy: "Architect", description: "Roof light specification does not meet fire rating", type: "Off-specification", priority: "High", owner: "Sara Lindqvist", status: "In progress", target: [2025, 6, 27] },
  ],
  milestones: [
    { id: "M1", name: "Contract award", owner: "Raj Patel", baseline: [2025, 1, 31], forecast: [2025, 1, 31], actual: [2025, 2, 7], status: "Complete" },
    { id: "M2", name: "Site possession", owner: "Tom Okafor", baseline: [2025, 3, 3], forecast: [2025, 3, 10], actual: [2025, 3, 10], status: "Complete" },
    { id: "M3", name: "Demolition complete", owner: "Tom Okafor", baseline: [2025, 4, 25], forecast: [2025, 5, 16], actual: [2025, 5, 23], status: "Complete", comment: "Asbestos removal added 4 weeks" },
    { id: "M4", name: "Frame erected", owner: "Tom Okafor", baseline: [2025, 6, 13], forecast: [2025, 7, 4], actual: null, status: "At risk" },
    { id: "M5", name: "Electrical fit-out complete", owner: "Sara Lindqvist", baseline: [2025, 7, 18], forecast: [2025, 8, 8], actual: null, status: "At risk", comment: "Depends on DNO connection" },
    { id: "M6", name: "Practical completion", owner: "Tom Okafor", baseline: "30/09/2025", forecast: [2025, 10, 24], actual: null, status: "On track" },
    { id: "M7", name: "Depot back in full use", owner: "Helen Marsh", baseline: [2025, 10, 31], forecast: "TBC", actual: null, status: "Not started" },
  ],
  workPackages: [
    { wbs: "1.1", name: "Design and surveys", costType: "Capex", bac: 185000, pv: 185000, ev: 185000, ac: 192400, etc: 0, explanation: "Extra ecology survey" },
    { wbs: "1.2", name: "Demolition and asbestos", costType: "Capex", bac: 240000, pv: 240000, ev: 240000, ac: 287500, etc: 0, explanation: "Asbestos removal (issue NDU-I01)" },
    { wbs: "1.3", name: "Groundworks and drainage", costType: "Capex", bac: 410000, pv: 360000, ev: 318000, ac: "331,250 GBP", etc: 95000 },
    { wbs: "1.4", name: "Steel frame and envelope", costType: "Capex", bac: 690000, pv: 310000, ev: 240000, ac: 228000, etc: 455000 },
    { wbs: "1.5", name: "Electrical and mechanical", costType: "Capex", bac: 520000, pv: 90000, ev: 45000, ac: 52000, etc: 470000 },
    { wbs: "1.6", name: "Project management", costType: "Opex", bac: 126000, pv: 63000, ev: 60000, ac: "12,500 GBP", etc: 64000, explanation: "AC only April posted – ledger catch-up due" },
  ],
};

export const CUSTOMER_PORTAL: ProjectData & { workPackages: WorkPackageRow[] } = {
  name: "Customer Portal Replatform",
  code: "CPR",
  sponsor: "Daniel Reyes",
  manager: "Aisha Bello",
  stage: "Build",
  rag: "Green",
  nextMilestone: "Beta release",
  nextMilestoneDate: [2025, 7, 7],
  risks: [
    { id: "1", title: "Legacy API undocumented", owner: "Aisha Bello", probability: "High", impact: "High", proximity: "Within stage", mitigation: "Spike to map endpoints; keep legacy team on call", status: "Open", review: [2025, 6, 20] },
    { id: "2", title: "Accessibility audit fails", owner: "Mei Chen", probability: "Med", impact: "High", proximity: "Within project", mitigation: "Axe checks in CI; external audit booked early", status: "Open", review: [2025, 7, 4] },
    { id: "3", title: "Data migration loses order history", owner: "Ben Carter", probability: 2, impact: 5, proximity: "Within project", mitigation: "Dry-run migrations with reconciliation reports", status: "Open", review: [2025, 6, 27] },
    { id: "4", title: "Cloud costs above estimate", owner: "Daniel Reyes", probability: "Low", impact: "Med", proximity: "Beyond project", mitigation: "Budgets and alerts per environment", status: "Open", review: "end of June" },
    { id: "5" },
    { id: "6", title: "Payment provider contract renewal", owner: "Ben Carter", probability: 3, impact: 4, proximity: "Imminent", mitigation: "Legal review started", status: "Open", review: [2025, 6, 13] },
  ],
  issues: [
    { id: "CPR-001", raised: [2025, 4, 22], raisedBy: "QA lead", description: "Login fails for accounts with apostrophes in email", type: "Problem/concern", priority: "High", owner: "Ben Carter", status: "Closed", target: [2025, 4, 30], resolution: "Fixed in sprint 9" },
    { id: "CPR-002", raised: [2025, 5, 6], raisedBy: "Product owner", description: "Marketing asks for saved baskets in MVP", type: "Request for change", priority: "Medium", owner: "Daniel Reyes", status: "Pending decision", target: [2025, 6, 18] },
    { id: "CPR-003", raised: "21/05/2025", raisedBy: "Security", description: "Pen test found session timeout too long", type: "Off-specification", priority: "High", owner: "Mei Chen", status: "Open", target: [2025, 6, 11] },
    { id: "CPR-004", raised: [2025, 6, 2], raisedBy: "Service desk", description: "Old portal outages during migration tests", type: "Problem/concern", priority: "Low", owner: "Aisha Bello", status: "Open", target: [2025, 6, 30] },
  ],
  milestones: [
    { id: "CPR-M1", name: "Discovery complete", owner: "Aisha Bello", baseline: [2025, 2, 14], forecast: [2025, 2, 14], actual: [2025, 2, 14], status: "Complete" },
    { id: "CPR-M2", name: "Design system signed off", owner: "Mei Chen", baseline: [2025, 3, 28], forecast: [2025, 4, 4], actual: [2025, 4, 2], status: "Complete" },
    { id: "CPR-M3", name: "Beta release", owner: "Ben Carter", baseline: [2025, 7, 7], forecast: [2025, 7, 7], actual: null, status: "On track" },
    { id: "CPR-M4", name: "Data migration rehearsal", owner: "Ben Carter", baseline: [2025, 8, 15], forecast: null, actual: null, status: "Not started" },
    { id: "CPR-M5", name: "Go-live", owner: "Daniel Reyes", baseline: [2025, 9, 29], forecast: [2025, 9, 29], actual: null, status: "On track" },
  ],
  workPackages: [
    { wbs: "CPR-01", name: "Discovery", costType: "Opex", bac: 85000, pv: 85000, ev: 85000, ac: 81200, etc: 0 },
    { wbs: "CPR-02", name: "UX and design system", costType: "Capex", bac: 140000, pv: 140000, ev: 132000, ac: 138500, etc: 9000 },
    { wbs: "CPR-03", name: "Platform build", costType: "Capex", bac: 620000, pv: 330000, ev: 341000, ac: 318000, etc: 270000 },
    { wbs: "CPR-04", name: "Data migration", costType: "Capex", bac: 210000, pv: 40000, ev: 35000, ac: 36800, etc: 176000 },
    { wbs: "CPR-05", name: "Testing and accessibility", costType: "Capex", bac: 95000, pv: 20000, ev: 22000, ac: "£19,750", etc: 75000 },
  ],
};

export const FINANCE_SYSTEM: ProjectData & { bac: number; periods: PeriodRow[] } = {
  name: "Finance System Consolidation",
  code: "FSC",
  sponsor: "Gillian Frost",
  manager: "Marcus Webb",
  stage: "Design",
  rag: "Amber/Red",
  nextMilestone: "Chart of accounts agreed",
  nextMilestoneDate: [2025, 6, 30],
  risks: [
    { id: "FSC-01", description: "Subsidiaries use different charts of accounts; mapping may not be agreed in time", owner: "Marcus Webb", probability: 4, impact: 4, response: "Reduce", residualProbability: 3, residualImpact: 3, status: "Open" },
    { id: "FSC-02", description: "Month-end close disrupted during cut-over", owner: "Gillian Frost", probability: 3, impact: 5, response: "Reduce", residualProbability: 2, residualImpact: 4, status: "Open" },
    { id: "FSC-03", description: "Vendor implementation team under-resourced", owner: "Marcus Webb", probability: 4, impact: 3, response: "Transfer", residualProbability: 3, residualImpact: 3, status: "Open" },
    { id: "FSC-04", description: "Audit trail requirements missed in design", owner: "Lena Schmidt", probability: 2, impact: 4, response: "Avoid", residualProbability: 1, residualImpact: 4, status: "Open" },
    { id: "FSC-05", description: "Licence costs rise at renewal", owner: "Gillian Frost", probability: 2, impact: 2, response: "Accept", residualProbability: 2, residualImpact: 2, status: "Closed" },
  ],
  issues: [
    { id: "FSC-I-1", raised: [2025, 3, 17], raisedBy: "Group FD", description: "Two subsidiaries still on unsupported ledger version", type: "Problem/concern", priority: "High", owner: "Marcus Webb", status: "Open", target: [2025, 7, 31] },
    { id: "FSC-I-2", raised: [2025, 4, 8], raisedBy: "Internal audit", description: "Segregation of duties matrix not provided", type: "Off-specification", priority: "Medium", owner: "Lena Schmidt", status: "Open", target: "mid July" },
    { id: "FSC-I-3", raised: [2025, 5, 15], raisedBy: "Vendor", description: "Data extract from legacy ledger truncates descriptions", type: "Problem/concern", priority: "Medium", owner: "Marcus Webb", status: "Closed", target: [2025, 5, 30], resolution: "Extract switched to UTF-8 CSV" },
  ],
  milestones: [
    { id: "1", name: "Vendor selected", owner: "Gillian Frost", baseline: [2025, 1, 31], forecast: [2025, 2, 28], actual: [2025, 3, 7], status: "Complete" },
    { id: "2", name: "Chart of accounts agreed", owner: "Marcus Webb", baseline: [2025, 4, 30], forecast: [2025, 6, 30], actual: null, status: "Late" },
    { id: "3", name: "Design authority sign-off", owner: "Lena Schmidt", baseline: [2025, 6, 13], forecast: [2025, 8, 1], actual: null, status: "Late" },
    { id: "4", name: "Pilot entity live", owner: "Marcus Webb", baseline: [2025, 10, 1], forecast: [2025, 11, 3], actual: null, status: "At risk" },
  ],
  bac: 1450000,
  periods: [
    { period: [2025, 1], pv: 60000, ev: 52000, ac: 58000 },
    { period: [2025, 2], pv: 130000, ev: 110000, ac: 126500 },
    { period: [2025, 3], pv: 215000, ev: 176000, ac: 208000 },
    { period: [2025, 4], pv: 310000, ev: 240000, ac: 291000 },
    { period: [2025, 5], pv: 420000, ev: 318000, ac: 384500 },
    { period: [2025, 6], pv: 540000, ev: null, ac: null },
    { period: [2025, 7], pv: 660000, ev: null, ac: null },
    { period: [2025, 8], pv: 790000, ev: null, ac: null },
  ],
};
