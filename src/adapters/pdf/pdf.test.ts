import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ChecklistDocument, PlanDocument } from './documents.ts';
import { renderChecklistPdf } from './checklist-pdf.ts';
import { renderPlanPdf } from './plan-pdf.ts';

interface PageData {
  getTextContent(options: object): Promise<{ items: { str: string; transform: number[] }[] }>;
}
interface Parsed {
  numpages: number;
  text: string;
  info: Record<string, unknown>;
}
type PdfParse = (data: Buffer, options?: { pagerender?: (page: PageData) => Promise<string> }) => Promise<Parsed>;

// pdf-parse v1 has no types; its lib entry skips the debug-mode file read of the package's index.js.
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as PdfParse;

/** Whitespace (also no-break spaces and line ends) collapsed, so wrapped lines compare as running text. */
const flat = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The text of each page, in order. */
async function parse(buffer: Buffer): Promise<Parsed & { pages: string[] }> {
  const pages: string[] = [];
  const parsed = await pdfParse(buffer, {
    pagerender: async (page) => {
      const content = await page.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false });
      let lastY: number | undefined;
      let text = '';
      for (const item of content.items) {
        const y = item.transform[5];
        text += lastY === undefined || y === lastY ? item.str : `\n${item.str}`;
        lastY = y;
      }
      pages.push(text);
      return text;
    },
  });
  return { ...parsed, pages };
}

const titles = [
  'Zet tweestapsverificatie aan op uw e-mail',
  'Maak één back-up die niet aan uw netwerk hangt',
  'Installeer de updates van Windows en macOS',
  'Verwijder accounts van oud-medewerkers',
  'Gebruik een wachtwoordbeheerder',
  'Controleer wie beheerdersrechten heeft',
  'Test of u een back-up kunt terugzetten',
  'Leer uw team phishing herkennen',
  'Zet de firewall van uw router aan',
  'Versleutel laptops en telefoons',
  'Maak een lijst van uw apparaten en software',
  'Spreek af wie wat doet bij een incident',
  'Bescherm uw wifi met een sterk wachtwoord',
  'Scheid het gastennetwerk van uw eigen netwerk',
  'Zet automatische schermvergrendeling aan',
  'Controleer de beveiliging van uw webwinkel',
  'Vraag uw IT-leverancier om een verslag',
  'Beperk wie betalingen mag goedkeuren',
  'Houd uw antivirus actueel',
  'Bewaar logbestanden minstens 90 dagen',
  'Gebruik aparte accounts voor beheer',
  'Controleer uw domeinnaam en e-mailinstellingen',
  'Schrijf een kort noodplan',
  'Vernieuw uw cyberverzekering',
  'Oefen het noodplan één keer per jaar',
];

function item(title: string, n: number): PlanDocument['horizons'][number]['items'][number] {
  return {
    title,
    why: `Waarom: criminelen misbruiken dit vaak bij kleine bedrijven. Het kost u weinig tijd en beperkt de schade als het toch misgaat (situatie ${n}). Ook met ‘goede’ software blijft dit nodig – zeker als u meer dan 10\u00a0medewerkers hebt.`,
    steps: [
      'Open de instellingen van het account of apparaat en zoek naar “Beveiliging”.',
      'Volg de stappen op het scherm; noteer herstelcodes op een veilige plek, niet op uw pc.',
      'Vraag uw IT-leverancier om het na te kijken als u twijfelt — dat duurt meestal ≤ 15 minuten.',
    ],
    meta: `Ongeveer 2\u00a0uur · gratis tot €\u00a0150 · u of uw IT-leverancier`,
  };
}

// An item taller than 40% of a page may start low on a page and continue on the next, but never without its first line.
const longTitle = 'Schrijf een volledig beveiligingsbeleid in 30 stappen';
const longItem = {
  ...item(longTitle, 26),
  steps: Array.from({ length: 30 }, (_, i) => `Stap ${i + 1}: beschrijf wie verantwoordelijk is en wanneer u dit herbekijkt.`),
};

const plan: PlanDocument = {
  lang: 'nl',
  title: 'Uw actieplan voor cyberveiligheid',
  subtitle: 'Bakkerij De Gouden Korenaar bv — 28 november 2026',
  generatedLabel: 'Gemaakt met Schild op 28 november 2026 — methode schild-assessment-1.0.0',
  footer: 'Dit is advies, geen juridisch advies.',
  scoresHeading: 'Uw scores',
  scores: [
    { label: 'Totaal', value: 62, valueText: '62 / 100' },
    { label: 'Identificeren', value: 80, valueText: '80 / 100' },
    { label: 'Beschermen', value: 45, valueText: '45 / 100' },
    { label: 'Detecteren', value: 0, valueText: '0 / 100' },
    { label: 'Reageren', value: 100, valueText: '100 / 100' },
    { label: 'Herstellen', value: null, valueText: 'niet beantwoord' },
  ],
  risksHeading: 'Grootste risico’s',
  risks: [
    { label: 'Phishing en CEO-fraude', level: 72, levelText: 'hoog' },
    { label: 'Ransomware', level: 55, levelText: 'middel' },
    { label: 'Verlies of diefstal van een laptop', level: 20, levelText: 'laag' },
  ],
  keyMeasuresText: 'U voldoet aan 5 van de 8 thema’s van CyberFundamentals Small en aan 6 van de 13 basismaatregelen.',
  horizons: [
    { heading: 'Deze week', items: titles.slice(0, 8).map((t, i) => item(t, i + 1)), emptyText: 'Niets te doen deze week.' },
    { heading: 'Deze maand', items: titles.slice(8, 17).map((t, i) => item(t, i + 9)), emptyText: 'Niets te doen deze maand.' },
    {
      heading: 'Dit kwartaal',
      items: [...titles.slice(17).map((t, i) => item(t, i + 18)), longItem],
      emptyText: 'Niets te doen dit kwartaal.',
    },
    { heading: 'Later', items: [], emptyText: 'Geen maatregelen voor later: goed bezig!' },
  ],
};

const checklist: ChecklistDocument = {
  lang: 'fr',
  title: 'Liste de contrôle pour votre prestataire informatique',
  subtitle: 'Boulangerie Léa & Fils srl — 28 novembre 2026',
  generatedLabel: 'Réalisé avec Schild le 28 novembre 2026 — méthode schild-assessment-1.0.0',
  footer: 'Ceci est un conseil, pas un avis juridique.',
  intro:
    'Votre prestataire peut cocher chaque point une fois qu’il est fait. Sécurité d’abord\u00a0: commencez par les points «\u00a0À faire\u00a0». Budget indicatif\u00a0: 250\u00a0€ par an.',
  sections: [
    {
      heading: 'À faire',
      items: [
        {
          title: 'Activer l’authentification à deux facteurs',
          criterion: 'Chaque compte de messagerie et d’administration exige un second facteur.',
          note: 'Le gérant utilise déjà une application sur son téléphone.',
          status: 'À faire',
        },
        {
          title: 'Sauvegarde hors ligne',
          criterion: 'Une copie des données est conservée hors du réseau et testée au moins une fois par trimestre.',
          status: 'À faire',
        },
        {
          title: 'Mises à jour de sécurité',
          criterion: 'Les mises à jour sont installées automatiquement, ou au plus tard 14 jours après leur publication.',
          note: undefined,
          status: 'Partiellement fait',
        },
      ],
      emptyText: 'Rien à faire.',
    },
    {
      heading: 'Questions auxquelles le gérant n’a pas pu répondre',
      items: [
        {
          title: 'Pare-feu du routeur',
          criterion: 'Le pare-feu est activé et aucun port n’est ouvert sans raison documentée.',
          note: '« Je ne sais pas » — à vérifier sur place.',
          status: 'Inconnu',
        },
      ],
      emptyText: 'Aucune question ouverte.',
    },
    { heading: 'Déjà en ordre', items: [], emptyText: 'Aucun point n’est encore en ordre.' },
  ],
  signatureLabel: 'Fait et vérifié par (nom, date, signature)',
};

describe('plan PDF', () => {
  it('renders a long Dutch plan over several numbered pages with every text intact', async () => {
    const buffer = await renderPlanPdf(plan);
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const parsed = await parse(buffer);
    const text = flat(parsed.text);
    expect(parsed.numpages).toBeGreaterThan(1);
    expect(parsed.pages).toHaveLength(parsed.numpages);

    expect(text).toContain(plan.title);
    expect(text).toContain(flat(plan.subtitle));
    for (const heading of ['Uw scores', 'Grootste risico’s', 'Deze week', 'Deze maand', 'Dit kwartaal', 'Later'])
      expect(text).toContain(heading);
    for (const t of [titles[0], titles[1], titles[12], titles[24]]) expect(text).toContain(t);
    expect(text).toContain('één back-up');
    expect(text).toContain('‘goede’ software');
    expect(text).toContain('10 medewerkers');
    expect(text).toContain('gratis tot € 150');
    expect(text).toContain('≤ 15 minuten');
    expect(text).toContain('“Beveiliging”');
    expect(text).toContain('niet beantwoord');
    expect(text).toContain('Geen maatregelen voor later: goed bezig!');
    expect(text).toContain(plan.keyMeasuresText);
    expect(text).toContain('Dit is advies, geen juridisch advies.');

    // Every page carries "n / N".
    parsed.pages.forEach((page, i) => expect(flat(page)).toContain(`${i + 1} / ${parsed.numpages}`));

    // An item's title is never separated from the first line of its explanation.
    expect(text).toContain('Stap 30: beschrijf wie verantwoordelijk is');
    for (const t of [...titles, longTitle]) {
      const page = parsed.pages.find((p) => flat(p).includes(t));
      expect(page, t).toBeDefined();
      expect(flat(page ?? '').split(t)[1]).toMatch(/^ Waarom: criminelen/);
    }

    expect(parsed.info.Title).toBe(plan.title);
    expect(parsed.info.Author).toBe('Schild');
    const raw = buffer.toString('latin1');
    expect(raw).toContain('/Lang (nl)'); // the catalogue's document language
    expect(raw).toMatch(/\/Language \d+ 0 R/); // and the same in the Info dictionary
    expect(raw).not.toContain('Helvetica'); // only the embedded Unicode font is used
  });

  it('renders a short German plan on one page', async () => {
    const german: PlanDocument = {
      ...plan,
      lang: 'de',
      title: 'Ihr Aktionsplan – Größe zählt nicht',
      subtitle: 'Müller & Söhne GmbH — 28. November 2026',
      risksHeading: 'Größte Risiken',
      risks: [{ label: 'Schadsoftware über E-Mail-Anhänge', level: 80, levelText: 'hoch' }],
      horizons: [{ heading: 'Diese Woche', items: [item('Überprüfen Sie Ihre Größe und Zugänge', 1)], emptyText: 'Nichts zu tun.' }],
    };
    const parsed = await parse(await renderPlanPdf(german));
    const text = flat(parsed.text);
    expect(parsed.numpages).toBe(1);
    expect(text).toContain('Ihr Aktionsplan – Größe zählt nicht');
    expect(text).toContain('Müller & Söhne GmbH');
    expect(text).toContain('Überprüfen Sie Ihre Größe und Zugänge');
    expect(text).toContain('1 / 1');
  });
});

describe('checklist PDF', () => {
  it('renders the French checklist with sections, notes, statuses and the signature line', async () => {
    const bytes = await renderChecklistPdf(checklist);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const parsed = await parse(bytes);
    const text = flat(parsed.text);
    expect(text).toContain(checklist.title);
    expect(text).toContain('Boulangerie Léa & Fils srl');
    expect(text).toContain('Sécurité d’abord : commencez par les points « À faire ».');
    expect(text).toContain('250 € par an');
    expect(text).toContain('Activer l’authentification à deux facteurs');
    expect(text).toContain('Le gérant utilise déjà une application sur son téléphone.');
    expect(text).toContain('Mises à jour de sécurité');
    expect(text).toContain('Partiellement fait');
    expect(text).toContain('Questions auxquelles le gérant n’a pas pu répondre');
    expect(text).toContain('« Je ne sais pas » — à vérifier sur place.');
    expect(text).toContain('Aucun point n’est encore en ordre.');
    expect(text).toContain('Fait et vérifié par (nom, date, signature)');
    expect(text).toContain('Ceci est un conseil, pas un avis juridique.');
    expect(text).toContain(`1 / ${parsed.numpages}`);
    expect(parsed.info.Title).toBe(checklist.title);
    expect(parsed.info.Author).toBe('Schild');
    expect(bytes.toString('latin1')).toContain('/Lang (fr)');
  });

  it('spreads a long checklist over numbered pages without splitting a row', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      title: `Contrôle n°\u00a0${i + 1} : sécurité du poste`,
      criterion: `Critère ${i + 1} : le poste est à jour, chiffré et protégé par un mot de passe d’au moins 12 caractères.`,
      note: i % 3 === 0 ? `Remarque ${i + 1} : vérifié par téléphone.` : undefined,
      status: 'À faire',
    }));
    const parsed = await parse(await renderChecklistPdf({ ...checklist, sections: [{ heading: 'À faire', items, emptyText: '' }] }));
    expect(parsed.numpages).toBeGreaterThan(1);
    parsed.pages.forEach((page, i) => expect(flat(page)).toContain(`${i + 1} / ${parsed.numpages}`));
    for (let i = 1; i <= 40; i++) {
      const page = parsed.pages.find((p) => flat(p).includes(`Contrôle n° ${i} :`));
      expect(page, `item ${i}`).toBeDefined();
      expect(flat(page ?? '')).toContain(`Critère ${i} : le poste`);
    }
    expect(flat(parsed.pages.at(-1) ?? '')).toContain('Fait et vérifié par (nom, date, signature)');
  });
});
