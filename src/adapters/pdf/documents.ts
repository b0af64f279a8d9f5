/**
 * Presentation-ready documents: every string already translated, every number already formatted. The PDF
 * renderers only lay them out, so they need no catalogue, no engine and no database.
 */
export interface DocMeta {
  lang: 'nl' | 'fr' | 'de' | 'en';
  title: string;
  subtitle: string; // e.g. company name and date
  generatedLabel: string; // e.g. "Made with Schild on 28 November 2026 — method schild-assessment-1.0.0"
  footer: string; // e.g. "This is guidance, not legal advice."
}

export interface ScoreRow {
  label: string;
  value: number | null; // 0–100, null = not answered
  valueText: string; // "72 / 100" or "not answered"
}

export interface PlanDocument extends DocMeta {
  scoresHeading: string;
  scores: ScoreRow[]; // overall first, then per function
  risksHeading: string;
  risks: { label: string; level: number; levelText: string }[];
  keyMeasuresText: string; // "You meet 5 of the 8 CyberFundamentals Small themes and 6 of the 13 Basic key measures."
  answeredText?: string | undefined; // quick scan: "You answered 9 of the 12 questions and skipped 3. …"
  /** Quick scan: the "I don't know" answers as questions for the IT provider, as on the result page. */
  providerQuestions?:
    | {
        heading: string;
        intro: string;
        items: { question: string; checks: string }[]; // checks: "What your IT provider checks: …"
        emptyText: string;
      }
    | undefined;
  horizons: {
    heading: string; // "This week", "This month", "This quarter"
    items: {
      title: string;
      why: string;
      steps: string[];
      meta: string; // "About 2 hours · free · you or your IT provider"
    }[];
    emptyText: string;
  }[];
}

export interface ChecklistDocument extends DocMeta {
  intro: string;
  sections: {
    heading: string; // "To do", "Questions the owner could not answer"
    items: { title: string; criterion: string; note?: string | undefined; status: string }[];
    emptyText: string;
  }[];
  signatureLabel: string; // "Done and checked by (name, date, signature)"
}

export interface DraftDocument extends DocMeta {
  intro: string;
  fields: { label: string; value: string }[];
}
