/**
 * The quick scan's 200 answer as bytes. About 28 of its 32 kB are the plan items' texts, which depend only on the
 * control, the language, the e-mail suite (its steps) and the region (its support schemes): those pieces are kept as
 * UTF-8 once made and joined, so a request no longer writes, measures and encodes 32 kB of string (issue 13: the
 * string was written, then measured by Buffer.byteLength, then encoded again on the socket). What depends on the
 * answers (scores, risks, the horizon of each item, the checklist, open questions, key measures) and the peer group
 * is written for each request by the same writer (quick-scan-json.ts), so the bytes are those of the serializer for
 * the value `presentQuickScan` builds (test/integration/quick-scan-serializer.test.ts). Keys come from the content and
 * the validated request only (language, suite, region, control id), so the maps are bounded by the content.
 */
import type { AssessmentCatalog } from '../../../../core/assessment/catalog.ts';
import type { AssessmentResult } from '../../../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../../../core/assessment/profile.ts';
import type { Locale } from '../../../../core/locale.ts';
import type { T } from '../../../../i18n/index.ts';
import { controlById, presentPlan, threatName } from '../../../presenters/assessment.ts';
import { controlArticle } from '../../../presenters/articles.ts';
import type { PeersJson } from '../../../presenters/peers.ts';
import { planItemSupport } from '../../../presenters/support.ts';
import { ReusedBuffers, type Lent } from '../../../reused-buffers.ts';
import type { PlanItem, QuickScanAnswer, QuickScanWriter } from './quick-scan-json.ts';

const PIECES_LIMIT = 50_000;
const CHECKLIST = Buffer.from('],"providerChecklist":[');

/** The answer as a value: what the route returned before it wrote bytes, and what the bytes must equal. */
export function presentQuickScan(catalog: AssessmentCatalog, result: AssessmentResult, profile: AssessmentProfile, lang: Locale, t: T, peers: PeersJson): QuickScanAnswer {
  return {
    algorithmVersion: result.algorithmVersion,
    applicableControls: result.applicableControls,
    scores: result.scores,
    risks: result.risks.map((r) => ({ threat: r.threat, name: threatName(catalog, r.threat, lang), level: r.level })),
    plan: presentPlanItems(catalog, result, profile, lang, t),
    providerChecklist: result.providerChecklist.map((p) => ({ controlId: p.controlId, reason: p.reason, criterion: controlById(catalog, p.controlId)!.text[lang].criterion })),
    open: result.open,
    keyMeasures: result.keyMeasures,
    peers,
  };
}

function presentPlanItems(catalog: AssessmentCatalog, result: AssessmentResult, profile: AssessmentProfile, lang: Locale, t: T): PlanItem[] {
  return presentPlan(catalog, result, lang, t, profile).map((p) => ({
    ...{ controlId: p.controlId, title: p.title, why: p.why, steps: p.steps, effortHours: p.effortHours, who: p.who, horizon: p.horizon },
    // Every control has exactly one article (checked when the content loads).
    article: controlArticle(p.controlId, lang)!,
    support: planItemSupport(p.controlId, profile.region, lang),
  }));
}

/** An answer's bytes, in a buffer that goes back to its pool once the response carrying it has finished. */
export interface AnswerBytes {
  bytes: Buffer;
  returnAfter: Lent['returnAfter'];
}

/**
 * The answers are written into buffers written again once sent (reused-buffers.ts): a fresh 32 kB buffer per answer
 * cost the web process as much CPU as all the route's other work. 96 kB holds the longest answer the content makes
 * today (every control applies and is in the plan, in French, with a region's support schemes: about 79 kB); a longer
 * one gets a buffer of its own. At most 32 idle buffers are kept (3 MB).
 */
export function quickScanAnswerBytes(catalog: AssessmentCatalog, writer: QuickScanWriter, buffers = new ReusedBuffers(96 * 1024, 32)) {
  // Three levels of maps keyed by the content's own strings (language, suite or region or reason, control id): a
  // lookup then hashes no new string, where one joined key per piece cost as much as the rest of the answer. A plan
  // item's head and a checklist entry start with the comma that separates them from the one before (the first of a
  // list is sent without it), and the tails are kept per horizon: an item is two pieces, an answer about 50 copies
  // instead of 150.
  type Pieces = Map<string, Map<string, Map<string, Buffer>>>;
  const heads: Pieces = new Map();
  const tails = new Map<string, Pieces>();
  const checks: Pieces = new Map();
  let kept = 0;
  const keep = (pieces: Pieces, a: string, b: string, c: string, make: () => string): Buffer => {
    let byB = pieces.get(a);
    if (byB === undefined) pieces.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (byC === undefined) byB.set(b, (byC = new Map()));
    let bytes = byC.get(c);
    if (bytes === undefined) {
      bytes = Buffer.from(make(), 'utf8');
      if (++kept > PIECES_LIMIT) {
        for (const map of [heads, checks, ...tails.values()]) map.clear();
        kept = 0;
      }
      byC.set(c, bytes);
    }
    return bytes;
  };
  const tailsOf = (horizon: string): Pieces => {
    let pieces = tails.get(horizon);
    if (pieces === undefined) tails.set(horizon, (pieces = new Map()));
    return pieces;
  };
  return (result: AssessmentResult, profile: AssessmentProfile, lang: Locale, t: T, peers: PeersJson): AnswerBytes => {
    // The e-mail suite changes an item's steps (presentPlan); the region its support schemes.
    const suite = profile.email;
    const region = profile.region ?? '';
    const parts: Buffer[] = [];
    let length = 0;
    const put = (piece: Buffer) => {
      parts.push(piece);
      length += piece.length;
    };
    // The first piece of a list without its leading comma.
    const first = (piece: Buffer) => put(piece.subarray(1));
    const start =
      `{"algorithmVersion":${writer.text(result.algorithmVersion)},"applicableControls":${writer.applicable(result.applicableControls)},"scores":${writer.scores(result.scores)},` +
      `"risks":${writer.risks(result.risks.map((r) => ({ threat: r.threat, name: threatName(catalog, r.threat, lang), level: r.level })))},"plan":[`;
    let item: PlanItem | undefined;
    for (let i = 0; i < result.plan.length; i++) {
      const p = result.plan[i]!;
      const one = (): PlanItem => (item ??= presentPlanItems(catalog, { ...result, plan: [p] }, profile, lang, t)[0]!);
      item = undefined;
      (i === 0 ? first : put)(keep(heads, lang, suite, p.controlId, () => `,${writer.itemHead(one())}`));
      put(keep(tailsOf(p.horizon), lang, region, p.controlId, () => `"horizon":${writer.text(p.horizon)},${writer.itemTail(one())}`));
    }
    // The checklist's entries carry the control's criterion text: kept per language, control and reason.
    put(CHECKLIST);
    for (let i = 0; i < result.providerChecklist.length; i++) {
      const { controlId, reason } = result.providerChecklist[i]!;
      (i === 0 ? first : put)(keep(checks, lang, reason, controlId, () => `,${writer.checklist([{ controlId, reason, criterion: controlById(catalog, controlId)!.text[lang].criterion }]).slice(1, -1)}`));
    }
    const end = `],"open":${writer.open(result.open)},"keyMeasures":${writer.keyMeasures(result.keyMeasures)},"peers":${writer.peers(peers)}}`;
    // A UTF-16 code unit is at most 3 bytes of UTF-8: a bound that needs no measuring of the two strings.
    const lent = buffers.lend(length + 3 * (start.length + end.length));
    const out = lent.buffer;
    let at = out.write(start, 0, 'utf8');
    for (let i = 0; i < parts.length; i++) {
      out.set(parts[i]!, at);
      at += parts[i]!.length;
    }
    at += out.write(end, at, 'utf8');
    return { bytes: out.subarray(0, at), returnAfter: lent.returnAfter };
  };
}
