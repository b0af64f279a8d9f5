/**
 * The quick scan's 200 answer, written with the texts' JSON prepared once; quick-scan-answer.ts keeps its pieces as bytes.
 *
 * About 28 of the answer's 32 kB are the plan's texts (titles, reasons, steps, articles, support schemes), the same
 * few thousand strings from the content in every answer. The compiled serializer (src/http/fast-json.ts) checked
 * and escaped each of them again on every request: about a sixth of the route's CPU (bench/README.md, issue 13).
 * Here the plan is written by hand in the contract's order and each text's JSON is kept once it has been made.
 * Only content texts reach this memo (no field of the answer carries what the caller sent), and it is bounded all
 * the same. Every other part is written by serializers compiled from its own part of the schema, which, like zod,
 * write only the schema's properties. test/integration/quick-scan-serializer.test.ts compares the bytes with the
 * zod serializer.
 */
import type { z } from 'zod';
import { compileFastJson } from '../../../fast-json.ts';
import type { QuickScanResponse } from './assessment.routes.ts';

type Answer = z.infer<typeof QuickScanResponse>;
export type QuickScanAnswer = Answer;
export type PlanItem = Answer['plan'][number];

const MEMO_LIMIT = 50_000;

/** The writer's parts, so that quick-scan-answer.ts can keep whole pieces of an answer as bytes and write the same JSON. */
export interface QuickScanWriter {
  (data: Answer): string;
  /** A JSON string for a content text (kept once made). */
  text(s: string): string;
  /** A plan item up to and including `"who":…,` (what depends on the control, the language and the e-mail suite). */
  itemHead(p: PlanItem): string;
  /** A plan item from `"article"` to its end (what depends on the control, the language and the region). */
  itemTail(p: PlanItem): string;
  applicable(v: Answer['applicableControls']): string;
  scores(v: Answer['scores']): string;
  risks(v: Answer['risks']): string;
  checklist(v: Answer['providerChecklist']): string;
  open(v: Answer['open']): string;
  keyMeasures(v: Answer['keyMeasures']): string;
  peers(v: Answer['peers']): string;
}

export function quickScanWriter(schema: typeof QuickScanResponse): QuickScanWriter {
  const part = <K extends keyof Answer>(key: K) => compileFastJson(schema.shape[key]) as (v: Answer[K]) => string;
  const applicable = part('applicableControls');
  const scores = part('scores');
  const risks = part('risks');
  const checklist = part('providerChecklist');
  const open = part('open');
  const keyMeasures = part('keyMeasures');
  const peers = part('peers');
  const memo = new Map<string, string>();
  const text = (s: string): string => {
    let json = memo.get(s);
    if (json === undefined) {
      json = JSON.stringify(String(s));
      if (memo.size < MEMO_LIMIT) memo.set(s, json);
    }
    return json;
  };
  const list = (items: readonly string[]): string => {
    let out = '[';
    for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + text(items[i]!);
    return `${out}]`;
  };
  const itemHead = (p: PlanItem): string =>
    `{"controlId":${text(p.controlId)},"title":${text(p.title)},"why":${text(p.why)},"steps":${list(p.steps)},` +
    `"effortHours":${JSON.stringify(Number(p.effortHours))},"who":${text(p.who)},`;
  const itemTail = (p: PlanItem): string => {
    let support = '[';
    for (let i = 0; i < p.support.length; i++) support += `${i === 0 ? '' : ','}{"scheme":${text(p.support[i]!.scheme)},"url":${text(p.support[i]!.url)}}`;
    return `"article":{"slug":${text(p.article.slug)},"url":${text(p.article.url)}},"support":${support}]}`;
  };
  const item = (p: PlanItem): string => `${itemHead(p)}"horizon":${text(p.horizon)},${itemTail(p)}`;
  const write = (d: Answer): string => {
    let plan = '[';
    for (let i = 0; i < d.plan.length; i++) plan += (i === 0 ? '' : ',') + item(d.plan[i]!);
    return (
      `{"algorithmVersion":${text(d.algorithmVersion)},"applicableControls":${applicable(d.applicableControls)},"scores":${scores(d.scores)},` +
      `"risks":${risks(d.risks)},"plan":${plan}],"providerChecklist":${checklist(d.providerChecklist)},"open":${open(d.open)},` +
      `"keyMeasures":${keyMeasures(d.keyMeasures)},"peers":${peers(d.peers)}}`
    );
  };
  return Object.assign(write, { text, itemHead, itemTail, applicable, scores, risks, checklist, open, keyMeasures, peers });
}
