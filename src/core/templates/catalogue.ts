/**
 * The built-in register catalogue: one template per register in the PMO
 * reference §1 (RAID twice: one table, and four tables). Synonyms are the
 * header spellings seen in real registers and common practice; detection
 * normalises case, punctuation, line breaks, snake_case and scale suffixes
 * before comparing, so "Likelihood_1_5" only needs "likelihood" here.
 */
import { DEFAULT_BAND_SET, RISK_BAND_SETS } from "../risk/bands";
import type { ColumnType, RiskScales, Template, TemplateColumn, TemplateKind } from "./schema";

interface ColumnOptions {
  allowedValues?: string[];
  required?: boolean;
  numberFormat?: string;
  width?: number;
  formula?: string;
}

function col(id: string, header: string, type: ColumnType, synonyms: string[], options: ColumnOptions = {}): TemplateColumn {
  return { id, header, type, synonyms, required: options.required ?? false, ...withoutRequired(options) };
}

function withoutRequired(o: ColumnOptions): Omit<ColumnOptions, "required"> {
  const { required: _required, ...rest } = o;
  return rest;
}

const DATE = "yyyy-mm-dd";
const MONEY = "#,##0.00";

/** Fields most registers share; each kind adds its own words on top. */
const common = {
  id: (extra: string[] = []) =>
    col("id", "ID", "text", ["id", "ref", "reference", "ref no", "no", "number", "#", "s no", "sl no", "key", "item", "item no", "log no", "№", "номер", ...extra], { required: true, width: 10 }),
  owner: (extra: string[] = []) =>
    col("owner", "Owner", "text", ["owner", "owned by", "responsible", "responsible person", "accountable", "assigned to", "assignee", "lead", "владелец", "ответственный", ...extra], { width: 18 }),
  status: (allowed: string[], extra: string[] = []) =>
    col("status", "Status", "list", ["status", "state", "current status", "progress", "статус", "состояние", ...extra], { allowedValues: allowed, required: true, width: 14 }),
  description: (extra: string[] = []) =>
    col("description", "Description", "text", ["description", "details", "detail", "summary", "narrative", "описание", ...extra], { required: true, width: 50 }),
  dateRaised: (extra: string[] = []) =>
    col("dateRaised", "Date Raised", "date", ["date raised", "raised", "raised on", "date identified", "identified", "date logged", "logged", "date opened", "opened", "date submitted", "submitted", "date added", "created", "date created", "date", "дата", "дата выявления", ...extra], { numberFormat: DATE, width: 12 }),
  dateClosed: (extra: string[] = []) =>
    col("dateClosed", "Date Closed", "date", ["date closed", "closed", "closed on", "closure date", "close date", "date resolved", "resolved", "resolution date", "completion date", "дата закрытия", ...extra], { numberFormat: DATE, width: 12 }),
  priority: () => col("priority", "Priority", "list", ["priority", "importance", "urgency", "rank", "приоритет"], { allowedValues: ["Very High", "High", "Medium", "Low", "Very Low"], width: 12 }),
};

const HIGH_MEDIUM_LOW = ["High", "Medium", "Low"];

/** NHS NPSA 5×5 descriptors; default bands Low 1–4, Medium 5–9, High 10–15, Critical 16–25 (PMO reference §2). */
export const DEFAULT_RISK_SCALES: RiskScales = {
  probability: {
    levels: [
      { value: 1, label: "Rare", description: "< 10%" },
      { value: 2, label: "Unlikely", description: "10–30%" },
      { value: 3, label: "Possible", description: "30–50%" },
      { value: 4, label: "Likely", description: "50–70%" },
      { value: 5, label: "Almost certain", description: "> 70%" },
    ],
  },
  impact: {
    levels: [
      { value: 1, label: "Insignificant" },
      { value: 2, label: "Minor" },
      { value: 3, label: "Moderate" },
      { value: 4, label: "Major" },
      { value: 5, label: "Catastrophic" },
    ],
  },
  // One table of bands: the template's are the default set's (core/risk/bands.ts), never a copy.
  bands: RISK_BAND_SETS[DEFAULT_BAND_SET].bands.map((b) => ({ name: b.name, min: b.min, max: b.max, colour: b.colour })),
};

const PROBABILITY_WORDS = ["probability", "likelihood", "prob", "p", "chance", "probability rating", "likelihood rating", "probability of occurring", "probability of occurrence", "likelihood of occurrence", "вероятность", "вероятность риска"];
const IMPACT_WORDS = ["impact", "i", "consequence", "consequences", "severity", "seriousness", "impact rating", "impact of the consequences", "impact score", "effect rating", "magnitude", "влияние", "влияние риска", "последствия"];
const SCORE_WORDS = ["score", "risk score", "rating", "risk rating", "risk level", "level", "exposure", "risk exposure", "inherent risk", "inherent score", "inherent risk score", "initial score", "pxi", "p x i", "p*i", "severity score", "risk priority number", "rpn", "ev", "expected value", "overall", "overall rating", "overall score", "overall risk", "уровень риска", "оценка риска"];

const riskColumns: TemplateColumn[] = [
  common.id(["risk id", "risk no", "risk number", "risk ref", "risk #", "risk reference"]),
  col("title", "Title", "text", ["title", "risk title", "name", "risk name", "risk", "short name", "headline", "название", "название риска"], { width: 30 }),
  common.description(["risk description", "description of risk", "risk details", "risk statement", "event", "risk event", "описание риска"]),
  col("category", "Category", "list", ["category", "risk category", "risk type category", "area", "risk area", "group", "classification", "область риска", "категория", "категория риска"], { width: 16 }),
  col("type", "Type", "list", ["type", "risk type", "threat or opportunity", "threat opportunity", "t o", "тип", "тип риска"], { allowedValues: ["Threat", "Opportunity"], width: 12 }),
  common.owner(["risk owner", "owner name", "хозяин риска", "владелец риска", "хозяин"]),
  col("actionee", "Actionee", "text", ["actionee", "action owner", "action by", "actioned by", "mitigation owner", "mitigation resolution owners", "resolution owner", "исполнитель"], { width: 18 }),
  common.dateRaised(["date identified"]),
  col("probability", "Probability", "level", PROBABILITY_WORDS, { required: true, width: 11 }),
  col("impact", "Impact", "level", IMPACT_WORDS, { required: true, width: 11 }),
  col("score", "Score", "number", SCORE_WORDS, { formula: "=[probability]*[impact]", width: 9 }),
  // BAND([score]) is spelled out with the workbook's band set when the template is applied (core/registers/band-columns.ts).
  col("band", "Band", "text", ["band", "risk band", "score band", "inherent band", "inherent risk band"], { formula: "=BAND([score])", width: 10 }),
  col("response", "Response", "list", ["response", "responses", "response type", "response strategy", "risk response", "strategy", "risk strategy", "treatment", "treatment strategy", "response category", "тип стратегии", "тип стратегии обработки риска", "стратегия", "стратегия реагирования"], { allowedValues: ["Avoid", "Reduce", "Fallback", "Transfer", "Share", "Accept", "Exploit", "Enhance", "Reject"], width: 14 }),
  col("mitigation", "Mitigation", "text", ["mitigation", "mitigation action", "mitigation actions", "mitigation plan", "mitigation strategy", "actions", "action", "actions to mitigate", "actions to mitigate or resolve", "response action", "response plan", "risk plan", "management plan", "control", "controls", "countermeasure", "countermeasures", "treatment action", "treatment actions", "меры", "план б", "план снижения", "response"], { width: 40 }),
  col("contingency", "Contingency", "text", ["contingency", "contingency plan", "fallback plan", "plan b", "contingency action", "план а"], { width: 30 }),
  col("proximity", "Proximity", "list", ["proximity", "timeframe", "time frame", "when", "близость"], { allowedValues: ["Imminent", "Within stage", "Within project", "Beyond project"], width: 14 }),
  col("residualProbability", "Residual Probability", "level", ["residual probability", "residual likelihood", "post mitigation probability", "post mitigation likelihood", "target probability", "остаточная вероятность"], { width: 11 }),
  col("residualImpact", "Residual Impact", "level", ["residual impact", "post mitigation impact", "target impact", "остаточное влияние"], { width: 11 }),
  col("residualScore", "Residual Score", "number", ["residual score", "residual risk", "residual rating", "residual risk score", "residual exposure", "post mitigation score", "target score", "остаточный риск"], { formula: "=[residualProbability]*[residualImpact]", width: 9 }),
  col("residualBand", "Residual Band", "text", ["residual band", "residual risk band", "post mitigation band", "target band"], { formula: "=BAND([residualScore])", width: 10 }),
  common.status(["Open", "Closed"], ["risk status", "статус риска"]),
  col("reviewDate", "Review Date", "date", ["review date", "next review", "next review date", "date of review", "last reviewed", "review", "review by", "review due"], { numberFormat: DATE, width: 12 }),
  common.dateClosed(),
  col("trend", "Trend", "list", ["trend", "direction", "movement", "тренд"], { allowedValues: ["Up", "Down", "Same"], width: 8 }),
];

const risk: Template = {
  id: "risk",
  kind: "risk",
  name: "Risk register",
  version: "1.1.0",
  description: "PRINCE2 / PMBOK risk register with inherent and residual scoring.",
  columns: riskColumns,
  scales: DEFAULT_RISK_SCALES,
};

const issue: Template = {
  id: "issue",
  kind: "issue",
  name: "Issue log",
  version: "1.0.0",
  description: "PRINCE2 issue register.",
  columns: [
    common.id(["issue id", "issue no", "issue number", "issue ref", "issue #"]),
    col("title", "Title", "text", ["title", "issue", "issue title", "name", "issue name", "subject", "headline"], { width: 30 }),
    common.description(["issue description", "description of issue"]),
    col("type", "Type", "list", ["type", "issue type", "category", "issue category", "classification"], { allowedValues: ["Request for change", "Off-specification", "Problem/concern", "Business opportunity", "External event"], width: 18 }),
    col("raisedBy", "Raised By", "text", ["raised by", "reported by", "author", "originator", "submitted by", "logged by", "requester", "кем выявлено"], { width: 16 }),
    common.dateRaised(["date reported", "reported"]),
    common.owner(["issue owner", "action owner", "actionee"]),
    common.priority(),
    col("severity", "Severity", "list", ["severity", "impact", "seriousness", "criticality"], { allowedValues: ["Critical", "Major", "Minor"], width: 12 }),
    common.status(["Open", "In progress", "Closed"], ["issue status"]),
    col("targetDate", "Target Date", "date", ["target date", "due date", "due", "target resolution date", "target resolution", "deadline", "expected resolution"], { numberFormat: DATE, width: 12 }),
    common.dateClosed(),
    col("resolution", "Resolution", "text", ["resolution", "decision", "action taken", "actions taken", "outcome", "response", "solution", "resolution notes"], { width: 40 }),
  ],
};

const RAID_TYPES = ["Risk", "Assumption", "Issue", "Dependency"];

function raidColumns(withType: boolean): TemplateColumn[] {
  const cols: TemplateColumn[] = [
    common.id(["raid id", "raid ref", "log id"]),
    common.description(["risk assumption issue dependency", "item description"]),
    common.owner(["action owner"]),
    col("impact", "Impact", "list", ["impact", "impact level", "consequence", "severity"], { allowedValues: HIGH_MEDIUM_LOW, width: 10 }),
    col("nextAction", "Next Action", "text", ["next action", "next actions", "next step", "next steps", "action", "actions", "action required", "mitigation", "mitigation action", "response"], { width: 36 }),
    col("dueDate", "Due Date", "date", ["due date", "due", "target date", "action date", "deadline", "by when", "date due"], { numberFormat: DATE, width: 12 }),
    common.status(["Open", "In progress", "Closed"]),
  ];
  if (withType) {
    cols.splice(1, 0, col("type", "Type", "list", ["type", "raid type", "log type", "category", "r a i d", "raid", "item type", "raid category"], { allowedValues: RAID_TYPES, required: true, width: 12 }));
  }
  return cols;
}

const raid: Template = {
  id: "raid",
  kind: "raid",
  name: "RAID log",
  version: "1.0.0",
  variant: "single",
  description: "Risks, assumptions, issues and dependencies in one table with a type column.",
  columns: raidColumns(true),
};

const dependencyExtras: TemplateColumn[] = [
  col("direction", "Direction", "list", ["direction", "inbound outbound", "in out"], { allowedValues: ["Inbound", "Outbound"], width: 11 }),
  col("provider", "Provider", "text", ["provider", "supplier", "from", "giver", "providing project", "delivering team"], { width: 18 }),
  col("receiver", "Receiver", "text", ["receiver", "recipient", "to", "consumer", "receiving project", "receiving team"], { width: 18 }),
];

const raidPart = (part: string, name: string, extra: TemplateColumn[] = []): Template => ({
  id: `raid-${part}`,
  kind: "raid",
  name: `RAID log: ${name}`,
  version: "1.0.0",
  variant: part,
  description: `The ${name.toLowerCase()} table of a RAID log kept as four tables.`,
  columns: [...raidColumns(false), ...extra],
});

const change: Template = {
  id: "change",
  kind: "change",
  name: "Change log",
  version: "1.0.0",
  description: "Change requests with their impact and decision.",
  columns: [
    common.id(["change id", "change #", "change no", "change number", "cr", "cr no", "cr id", "cr #", "change ref", "request id"]),
    common.dateRaised(["date submitted", "date requested", "request date", "date of request"]),
    col("requestedBy", "Requested By", "text", ["requested by", "requestor", "requester", "raised by", "submitted by", "originator", "change requestor"], { width: 16 }),
    col("title", "Title", "text", ["title", "change title", "change", "change name", "name", "change request"], { width: 30 }),
    common.description(["change description", "summary description", "description of change", "changing", "proposed change", "change details", "what is changing"]),
    col("type", "Type", "list", ["type", "change type", "category", "change category"], { allowedValues: ["Scope", "Budget", "Schedule", "Other"], width: 12 }),
    common.priority(),
    common.status(["Submitted", "Assessed", "Pending decision", "Approved", "Rejected", "Deferred", "Closed"], ["change status"]),
    col("costImpact", "Cost Impact", "currency", ["cost impact", "cost", "budget impact", "financial impact", "cost change", "cost impact amount"], { numberFormat: MONEY, width: 12 }),
    col("scheduleImpactDays", "Schedule Impact (days)", "integer", ["schedule impact", "schedule impact days", "time impact", "delay", "delay days", "days impact", "schedule change"], { width: 10 }),
    col("decision", "Decision", "text", ["decision", "outcome", "ccb decision", "approval decision"], { width: 18 }),
    col("decisionDate", "Decision Date", "date", ["decision date", "date decided", "approval date", "date approved", "status date"], { numberFormat: DATE, width: 12 }),
    col("approver", "Approver", "text", ["approver", "approved by", "decision maker", "authorised by", "evaluator", "ccb"], { width: 16 }),
    col("linkedRiskIds", "Linked Risks", "text", ["linked risks", "linked risk ids", "related risks", "risk refs"], { width: 14 }),
    col("linkedIssueIds", "Linked Issues", "text", ["linked issues", "linked issue ids", "related issues", "issue refs"], { width: 14 }),
  ],
};

const decision: Template = {
  id: "decision",
  kind: "decision",
  name: "Decision log",
  version: "1.0.0",
  columns: [
    common.id(["decision id", "decision no", "decision #", "decision ref"]),
    col("date", "Date", "date", ["date", "decision date", "date decided", "date made", "date of decision", "date approved", "date signed off", "meeting date", "date of meeting"], { numberFormat: DATE, width: 12 }),
    common.description(["decision", "decision description", "decision made", "decision taken", "what was decided"]),
    col("decisionMaker", "Decision Maker", "text", ["decision maker", "decided by", "made by", "approver", "approved by", "authority", "signed off by", "decision owner"], { width: 18 }),
    col("alternatives", "Alternatives", "text", ["alternatives", "options", "options considered", "alternatives considered"], { width: 30 }),
    col("rationale", "Rationale", "text", ["rationale", "reason", "reasons", "justification", "basis", "why"], { width: 36 }),
    col("impact", "Impact", "text", ["impact", "implications", "consequences", "effect"], { width: 30 }),
    common.status(["Proposed", "Approved", "Rejected", "Superseded"]),
    col("reviewDate", "Review Date", "date", ["review date", "next review"], { numberFormat: DATE, width: 12 }),
  ],
};

const lessons: Template = {
  id: "lessons",
  kind: "lessons",
  name: "Lessons log",
  version: "1.0.0",
  description: "PRINCE2 lessons log.",
  columns: [
    common.id(["lesson id", "lesson no", "lesson #", "lesson ref"]),
    col("dateLogged", "Date Logged", "date", ["date logged", "date", "logged", "date raised", "date identified", "date captured"], { numberFormat: DATE, width: 12 }),
    col("loggedBy", "Logged By", "text", ["logged by", "raised by", "author", "submitted by", "identified by", "captured by"], { width: 16 }),
    col("lessonType", "Lesson Type", "list", ["lesson type", "type", "scope", "level"], { allowedValues: ["Project", "Corporate/programme", "Both"], width: 14 }),
    col("event", "Event", "text", ["event", "what happened", "happened", "situation", "lesson", "lesson learned", "lessons learned", "title", "description", "observation", "what went well", "what went wrong", "went well", "went wrong", "finding", "experience"], { width: 36 }),
    col("effect", "Effect", "text", ["effect", "impact", "consequence", "result", "outcome", "cost", "what it cost"], { width: 30 }),
    col("cause", "Cause", "text", ["cause", "root cause", "causes", "trigger", "why"], { width: 30 }),
    col("earlyWarning", "Early Warning", "text", ["early warning", "early warning indicators", "warning signs", "indicators"], { width: 24 }),
    col("recommendation", "Recommendation", "text", ["recommendation", "recommendations", "what to do next time", "next time", "action", "lesson to apply", "advice", "future projects", "future", "do differently", "improvement", "improvements", "suggested improvement", "apply in future"], { width: 36 }),
    col("wasRisk", "Was It a Risk?", "list", ["was risk", "was it a risk", "identified as risk", "risk identified", "was this a risk"], { allowedValues: ["Yes", "No"], width: 10 }),
    common.priority(),
  ],
};

const benefits: Template = {
  id: "benefits",
  kind: "benefits",
  name: "Benefits register",
  version: "1.0.0",
  columns: [
    common.id(["benefit id", "benefit no", "benefit #", "benefit ref"]),
    common.description(["benefit", "benefit description", "benefit name", "title"]),
    col("category", "Category", "list", ["category", "benefit type", "type", "classification"], { allowedValues: ["Cashable", "Non-cashable", "Qualitative"], width: 14 }),
    common.owner(["benefit owner"]),
    col("measure", "Measure", "text", ["measure", "kpi", "metric", "indicator", "measurement", "how measured"], { width: 24 }),
    col("baseline", "Baseline", "number", ["baseline", "baseline value", "current value", "starting value"], { width: 12 }),
    col("baselineDate", "Baseline Date", "date", ["baseline date", "date of baseline"], { numberFormat: DATE, width: 12 }),
    col("target", "Target", "number", ["target", "target value", "goal", "planned value"], { width: 12 }),
    col("targetDate", "Target Date", "date", ["target date", "due date", "realisation date", "expected date"], { numberFormat: DATE, width: 12 }),
    col("expectedValue", "Expected Value", "currency", ["expected value", "expected benefit", "forecast value", "planned benefit", "value"], { numberFormat: MONEY, width: 14 }),
    col("realisedValue", "Realised Value", "currency", ["realised value", "realized value", "actual", "actual value", "achieved", "realised", "realized benefit", "actual benefit"], { numberFormat: MONEY, width: 14 }),
    common.status(["Planned", "On track", "At risk", "Realised", "Not realised"]),
  ],
};

const stakeholder: Template = {
  id: "stakeholder",
  kind: "stakeholder",
  name: "Stakeholder register",
  version: "1.0.0",
  columns: [
    common.id(["stakeholder id", "stakeholder no"]),
    col("name", "Name", "text", ["name", "stakeholder", "stakeholder name", "full name", "person", "contact", "имя", "заинтересованная сторона"], { required: true, width: 22 }),
    col("role", "Role", "text", ["role", "title", "job title", "position", "project role", "роль"], { width: 22 }),
    col("organisation", "Organisation", "text", ["organisation", "organization", "org", "company", "department", "dept", "division", "directorate", "business unit", "team", "group", "организация"], { width: 20 }),
    col("internalExternal", "Internal/External", "list", ["internal external", "internal or external", "int ext", "internal", "external", "type"], { allowedValues: ["Internal", "External"], width: 12 }),
    col("interest", "Interest", "list", ["interest", "level of interest", "interest level"], { allowedValues: HIGH_MEDIUM_LOW, width: 10 }),
    col("influence", "Influence", "list", ["influence", "power", "level of influence", "influence level", "power influence"], { allowedValues: HIGH_MEDIUM_LOW, width: 10 }),
    col("attitude", "Attitude", "list", ["attitude", "stance", "position on project", "support", "sentiment"], { allowedValues: ["Leading", "Supporter", "Neutral", "Resistant"], width: 12 }),
    col("engagementCurrent", "Current Engagement", "list", ["current engagement", "engagement current", "current", "engagement level", "engagement"], { allowedValues: ["Unaware", "Resistant", "Neutral", "Supportive", "Leading"], width: 14 }),
    col("engagementDesired", "Desired Engagement", "list", ["desired engagement", "engagement desired", "desired", "target engagement"], { allowedValues: ["Unaware", "Resistant", "Neutral", "Supportive", "Leading"], width: 14 }),
    col("strategy", "Strategy", "text", ["strategy", "engagement strategy", "management strategy", "approach", "actions", "comments", "notes"], { width: 30 }),
    col("communicationFrequency", "Communication Frequency", "list", ["communication frequency", "frequency", "contact frequency", "how often"], { allowedValues: ["Daily", "Weekly", "Fortnightly", "Monthly", "Quarterly", "As needed"], width: 14 }),
    col("relationshipOwner", "Relationship Owner", "text", ["relationship owner", "owner", "contact owner", "account owner", "managed by"], { width: 18 }),
  ],
};

const milestone: Template = {
  id: "milestone",
  kind: "milestone",
  name: "Milestone tracker",
  version: "1.0.0",
  columns: [
    common.id(["milestone id", "milestone no", "ms id"]),
    col("milestone", "Milestone", "text", ["milestone", "milestone name", "milestones", "deliverable", "key milestone", "name", "title"], { required: true, width: 30 }),
    common.owner(),
    col("baselineDate", "Baseline Date", "date", ["baseline date", "baseline", "planned date", "plan date", "original date", "due date", "due", "target date", "planned finish", "baseline finish"], { numberFormat: DATE, required: true, width: 12 }),
    col("forecastDate", "Forecast Date", "date", ["forecast date", "forecast", "expected date", "revised date", "current forecast", "estimated date", "forecast finish"], { numberFormat: DATE, width: 12 }),
    col("actualDate", "Actual Date", "date", ["actual date", "actual", "completed", "date completed", "completion date", "actual finish", "date achieved", "achieved", "achieved on", "completed on"], { numberFormat: DATE, width: 12 }),
    common.status(["Not started", "In progress", "Done", "Late"]),
  ],
};

const budget: Template = {
  id: "budget",
  kind: "budget",
  name: "Budget tracker",
  version: "1.0.0",
  columns: [
    col("project", "Project", "text", ["project", "project name", "programme", "program", "project code", "name", "codes name", "code name"], { required: true, width: 22 }),
    col("costCode", "Cost Code", "text", ["cost code", "cost centre", "cost center", "code", "account", "account code", "wbs", "gl code", "budget line"], { width: 14 }),
    col("category", "Category", "list", ["category", "cost category", "cost type", "type", "capex opex", "expense type", "cost factor"], { width: 14 }),
    col("period", "Period", "text", ["period", "month", "fiscal period", "financial period", "quarter", "year"], { width: 10 }),
    col("budget", "Budget", "currency", ["budget", "approved budget", "original budget", "baseline budget", "budget amount", "planned cost", "planned spend", "budgeted spend", "budgeted cost", "budgeted", "plan amount", "bac", "allocation"], { numberFormat: MONEY, required: true, width: 14 }),
    col("approvedChanges", "Approved Changes", "currency", ["approved changes", "budget changes", "change requests", "adjustments"], { numberFormat: MONEY, width: 14 }),
    col("committed", "Committed", "currency", ["committed", "commitments", "committed cost", "purchase orders", "pos raised"], { numberFormat: MONEY, width: 14 }),
    col("actual", "Actual", "currency", ["actual", "actuals", "actual spend", "actual cost", "spend", "spent", "spend to date", "actual to date", "expenditure", "cost to date"], { numberFormat: MONEY, width: 14 }),
    col("forecast", "Forecast to Complete", "currency", ["forecast", "forecast to complete", "etc", "estimate to complete", "remaining forecast", "forecast remaining"], { numberFormat: MONEY, width: 14 }),
    col("eac", "Forecast at Completion", "currency", ["eac", "estimate at completion", "forecast at completion", "fac", "outturn", "forecast outturn", "projected total"], { numberFormat: MONEY, formula: "=[actual]+[forecast]", width: 14 }),
    col("variance", "Variance", "currency", ["variance", "budget variance", "over under", "difference", "var"], { numberFormat: MONEY, formula: "=[budget]-[eac]", width: 14 }),
    col("varianceExplanation", "Variance Explanation", "text", ["variance explanation", "explanation", "variance comment", "variance commentary", "reason for variance", "commentary", "comments"], { width: 36 }),
  ],
};

const evm: Template = {
  id: "evm",
  kind: "evm",
  name: "Earned value table",
  version: "1.0.0",
  columns: [
    col("project", "Project", "text", ["project", "project name", "programme"], { width: 20 }),
    col("workPackage", "Work Package", "text", ["work package", "wbs", "wbs id", "wbs element", "activity", "task", "control account", "deliverable", "work item"], { required: true, width: 24 }),
    col("bac", "BAC", "currency", ["bac", "budget at completion", "budget", "total budget"], { numberFormat: MONEY, width: 12 }),
    col("pv", "PV", "currency", ["pv", "planned value", "bcws", "budgeted cost of work scheduled", "planned"], { numberFormat: MONEY, width: 12 }),
    col("ev", "EV", "currency", ["ev", "earned value", "bcwp", "budgeted cost of work performed", "earned"], { numberFormat: MONEY, width: 12 }),
    col("ac", "AC", "currency", ["ac", "actual cost", "acwp", "actual cost of work performed", "actuals", "actual"], { numberFormat: MONEY, width: 12 }),
    col("etcEstimate", "ETC", "currency", ["etc", "estimate to complete", "etc estimate", "remaining estimate"], { numberFormat: MONEY, width: 12 }),
    col("period", "Period", "text", ["period", "month", "status date", "as of", "reporting period", "week"], { width: 10 }),
  ],
};

const ledger: Template = {
  id: "ledger",
  kind: "ledger",
  name: "Finance ledger export",
  version: "1.0.0",
  columns: [
    col("project", "Project", "text", ["project", "project code", "project id", "project number", "job", "job code", "code name"], { width: 14 }),
    col("costCode", "Cost Code", "text", ["cost code", "cost centre", "cost center", "wbs", "wbs code", "wbs element", "account", "gl account", "gl code", "nominal", "nominal code"], { width: 14 }),
    col("period", "Period", "text", ["period", "fiscal period", "fiscal year period", "posting period", "accounting period", "month", "fy month"], { required: true, width: 10 }),
    col("amount", "Amount", "currency", ["amount", "value", "cost", "net amount", "amount gbp", "amount usd", "debit", "total", "cost$", "cost $", "spend"], { numberFormat: MONEY, required: true, width: 14 }),
    col("documentId", "Document ID", "text", ["document id", "document", "document number", "doc no", "doc id", "voucher", "journal", "journal id", "invoice", "invoice number", "reference", "transaction id"], { width: 14 }),
    col("description", "Description", "text", ["description", "line description", "narrative", "text", "memo", "details", "wbs description", "line text", "item text", "posting text", "booking text"], { width: 36 }),
    col("postingDate", "Posting Date", "date", ["posting date", "posted", "date posted", "transaction date", "gl date", "date", "document date"], { numberFormat: DATE, width: 12 }),
  ],
};

export const BUILT_IN_TEMPLATES: readonly Template[] = [
  risk,
  issue,
  raid,
  raidPart("risks", "Risks"),
  raidPart("assumptions", "Assumptions"),
  raidPart("issues", "Issues"),
  raidPart("dependencies", "Dependencies", dependencyExtras),
  change,
  decision,
  lessons,
  benefits,
  stakeholder,
  milestone,
  budget,
  evm,
  ledger,
];

export function builtInTemplate(id: string): Template | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id);
}

/** The template a kind starts from (RAID: the one-table form). */
export function templateForKind(kind: TemplateKind): Template {
  const t = BUILT_IN_TEMPLATES.find((x) => x.id === kind);
  if (!t) throw new Error(`no built-in template for kind ${kind}`);
  return t;
}
