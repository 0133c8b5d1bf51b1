import type { Draft } from './make.ts';

/** German: call scripts for collectors and notifications to colleagues. */
export const DE_INTERNAL: readonly Draft[] = [
  {
    code: 'level1_call',
    kind: 'call_script',
    name: 'Anruf Stufe 1: einen Zahlungstermin erhalten',
    body: `
## Vor dem Anruf

- #CustomerName, Kundenkonto #CustomerCode. Nach #ContactName fragen, Telefon #ContactPhone.
- Überfällig: **#OverdueTotal**, der älteste Posten fällig seit #OldestDueDate (#DaysLate Tage). Eine Zahlungserinnerung und eine 1. Mahnung sind per E-Mail verschickt.

#OverdueTable

## Einstieg

„Guten Tag, hier spricht #CollectorName von #CompanyName. Könnte ich bitte #ContactName sprechen? … Ich rufe wegen Ihres Kundenkontos bei uns an. Haben Sie zwei Minuten Zeit?“

## Anlass

„Wir haben Sie an #OverdueCount überfällige Posten erinnert, insgesamt #OverdueTotal, der älteste fällig seit #OldestDueDate. Ich möchte sichergehen, dass Ihnen unsere Rechnungen vorliegen, und fragen, ob etwas der Zahlung im Weg steht.“

Zuhören und den genannten Grund notieren.

## Nach einem Termin fragen

„Wann dürfen wir mit der Zahlung der #OverdueTotal rechnen?“ Ein Datum und einen Betrag vereinbaren. Kann nur ein Teil gezahlt werden, Betrag und Datum jeder Teilzahlung festhalten. Die Frist in unserer E-Mail läuft bis zum #PaymentDeadline.

## Einwände

| Der Kunde sagt | Sie antworten |
| :-- | :-- |
| „Die Rechnung haben wir nie bekommen.“ | „Ich schicke Ihnen heute eine Kopie per E-Mail. Können Sie mir bestätigen, dass sie in Ihren nächsten Zahlungslauf geht, und an welchem Tag?“ |
| „Die Rechnung ist noch in der Freigabe.“ | „Wer muss sie freigeben, und bis wann? Können die übrigen Rechnungen in der Zwischenzeit bezahlt werden?“ |
| „Es gibt ein Problem mit der Lieferung oder dem Preis.“ | „Danke für den Hinweis. Welche Rechnung, und worum genau geht es? Ich nehme das auf und lasse es prüfen; die übrigen Rechnungen bleiben fällig.“ |
| „Wir zahlen nur einmal im Monat.“ | „Kann ich dann mit Ihrem nächsten Zahlungslauf rechnen? An welchem Tag ist er?“ |
| „Die Liquidität ist im Moment knapp.“ | „Das verstehe ich. Was können Sie jetzt zahlen, und wann den Rest? Vereinbaren wir Termine, die Sie einhalten können.“ |
| „Das ist schon bezahlt.“ | „Danke. An welchem Tag, welcher Betrag, welche Referenz? Ich prüfe den Eingang bei unserer Bank und melde mich, falls die Zahlung nicht angekommen ist.“ |

## Abschluss

Die Zusage wiederholen: Betrag, Datum, Rechnungen. „Ich bestätige Ihnen unsere Vereinbarung heute noch per E-Mail.“ Die Zahlungszusage in Relance erfassen (Relance verschickt die schriftliche Bestätigung) oder die Beanstandung mit ihrem Grund erfassen. Für das Gespräch danken.
`,
  },
  {
    code: 'level2_call',
    kind: 'call_script',
    name: 'Anruf Stufe 2: letzter Anruf vor der Kontosperre',
    body: `
## Vor dem Anruf

- #CustomerName, Kundenkonto #CustomerCode. Nach #ContactName fragen, Telefon #ContactPhone; kann diese Person nichts zusagen, nach der zuständigen Person fragen (Leitung Buchhaltung, kaufmännische Leitung).
- Überfällig: **#OverdueTotal**, der älteste Posten #DaysLate Tage. Die 2. Mahnung ist verschickt: Zahlung bis zum #PaymentDeadline, danach wird das Konto gesperrt.

#OverdueTable

## Einstieg

„Guten Tag, hier spricht #CollectorName von #CompanyName. Ich möchte #ContactName sprechen oder die Person, die über Lieferantenzahlungen entscheidet. Es geht um Ihr Kundenkonto und ist dringend.“

## Anlass

„Trotz unserer Mahnungen und unseres letzten Anrufs sind #OverdueTotal weiterhin überfällig, die älteste Rechnung seit #DaysLate Tagen. Wir haben Ihnen geschrieben: Geht die Zahlung nicht bis zum #PaymentDeadline ein, wird Ihr Konto gesperrt und neue Aufträge werden nicht mehr ausgeliefert. Ich möchte heute mit Ihnen eine Lösung finden, damit es nicht so weit kommt.“

## Nach einem Termin fragen

„Können Sie mir die Zahlung der #OverdueTotal vor dem #PaymentDeadline bestätigen? An welchem Tag genau?“ Bleibt die Antwort vage, nach dem Namen der Person fragen, die entscheiden kann, und wann sie erreichbar ist.

## Einwände

| Der Kunde sagt | Sie antworten |
| :-- | :-- |
| „Sie sperren unsere Aufträge wegen einer kleinen Verzögerung?“ | „Wir bitten seit mehreren Wochen um diese Zahlung. Ein fester Termin heute genügt, um die Sperre zu vermeiden.“ |
| „Das muss ich intern klären.“ | „Selbstverständlich. Mit wem? Kann ich die Person jetzt sprechen, oder wann kann ich sie heute zurückrufen?“ |
| „Wir beanstanden eine der Rechnungen.“ | „Welche, und aus welchem Grund? Ich erfasse die Beanstandung nur für diese Rechnung; die übrigen bleiben bis zum #PaymentDeadline fällig.“ |
| „Wir können nicht alles auf einmal zahlen.“ | „Dann vereinbaren wir eine erste Zahlung vor dem #PaymentDeadline und einen Termin für den Rest. Beides brauche ich schriftlich.“ |
| „Die Zahlung ist schon angewiesen.“ | „Danke. An welchem Tag, über welchen Betrag? Bitte schicken Sie mir die Zahlungsbestätigung, sobald sie vorliegt.“ |

## Abschluss

Die Zusage wiederholen: Betrag, Datum, wer sie getroffen hat. „Ich bestätige Ihnen das heute noch schriftlich.“ Die Zahlungszusage in Relance erfassen (Relance verschickt die schriftliche Bestätigung). Gibt es keine Zusage, klar sagen, dass die Sperre nach dem #PaymentDeadline greift, und den Vertrieb informieren.
`,
  },
  {
    code: 'level2_notify_sales',
    kind: 'internal',
    name: 'Stufe 2: der Vertrieb wird vor der 2. Mahnung gefragt',
    subject: '#CustomerName: 2. Mahnung geht demnächst hinaus, #OverdueTotal überfällig',
    body: `
Hallo #SalesOwnerName,

#CustomerName (Kundenkonto #CustomerCode) hat **#OverdueTotal** überfällig; der älteste Posten ist #DaysLate Tage überfällig. Erinnerungen und ein Anruf haben bisher keine Zahlung gebracht.

Wenn Sie bis zum **#ObjectionDeadline** nicht widersprechen, geht die 2. Mahnung hinaus: ein Schreiben mit Zahlungsfrist, das die Sperrung des Kontos ankündigt, gefolgt von einem Anruf von #CollectorName.

#OverdueTable

Bitte melden Sie sich bis zum #ObjectionDeadline bei #CollectorName (#CollectorEmail), wenn:

- Sie von einer Beanstandung, einem Liefer- oder Rechnungsproblem oder einer Zahlungsvereinbarung weißt;
- es einen geschäftlichen Grund gibt zu warten (ein Auftrag in Verhandlung, ein Ansprechpartner im Urlaub);
- Sie helfen können: Ein Anruf von Ihnen bei Ihrem Kontakt beim Kunden löst die Sache oft schnell.

Andernfalls ist nichts zu tun.
`,
  },
  {
    code: 'key_account_notify_sales',
    kind: 'internal',
    name: 'Schlüsselkunden: der Vertrieb wird vor dem ersten Anruf informiert',
    subject: '#CustomerName: #OverdueTotal überfällig, wir rufen an',
    body: `
Hallo #SalesOwnerName,

zur Information: #CustomerName (Kundenkonto #CustomerCode) hat **#OverdueTotal** überfällig, der älteste Posten fällig seit #OldestDueDate. Da es ein Schlüsselkunde ist, schicken wir kein Schreiben: #CollectorName ruft den Kunden in den nächsten Tagen an, um einen Zahlungstermin zu vereinbaren.

#OverdueTable

Wenn Sie etwas wissen, das die Verzögerung erklärt (eine Beanstandung, ein neuer Ansprechpartner, ein laufender Auftrag), oder wenn Sie lieber selbst anrufen möchten, geben Sie bitte #CollectorName Bescheid (#CollectorEmail).
`,
  },
  {
    code: 'formal_notice_notify',
    kind: 'internal',
    name: 'Letzte Mahnung: das Kreditmanagement wird informiert',
    subject: 'Letzte Mahnung an #CustomerName wartet auf Freigabe: #ClaimTotal',
    body: `
Hallo,

eine letzte Mahnung an #CustomerName (Kundenkonto #CustomerCode, Schlüsselkunde) ist vorbereitet und wartet auf Freigabe, bevor sie per Einschreiben hinausgeht.

- Überfällig: #OverdueTotal, der älteste Posten #DaysLate Tage
- Gefordert mit Verzugszinsen und Pauschale: #ClaimTotal
- Frist im Schreiben: #PaymentDeadline

#OverdueTable

Bitte vor der Freigabe prüfen, dass zu diesen Posten keine Beanstandung offen ist, dass seit dem letzten Anruf keine Zahlung und keine Zusage erfasst wurde und dass der Vertrieb gehört wurde. Zuständig im Forderungsmanagement ist #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'handover_task',
    kind: 'internal',
    name: 'Übergabe: Entscheidung und Akte für das Kreditmanagement',
    subject: 'Entscheidung Übergabe: #CustomerName, #OverdueTotal überfällig',
    body: `
Auf die letzte Mahnung an #CustomerName (Kundenkonto #CustomerCode) ist keine Zahlung eingegangen. **#OverdueTotal** sind überfällig, der älteste Posten #DaysLate Tage.

#OverdueTable

Beanstandete Posten, zurückgestellt:

#DisputedTable

## Entscheiden

- **Inkassounternehmen**: für einen Kunden, der weiter am Markt ist, wenn die Forderung nicht bestritten wird.
- **Gerichtliches Mahnverfahren**: für eine unbestrittene Forderung, belegt durch Rechnungen, Lieferscheine und die Mahnung.
- **Kreditversicherer**: ist das Konto versichert, den Schaden innerhalb der Frist des Versicherers melden.
- **Abwarten**: nur mit schriftlichem Grund (eine Einigung in Verhandlung, eine angekündigte Zahlung).

## Akte zusammenstellen

- die Rechnungen und die Liefer- oder Abnahmenachweise;
- den Vertrag oder die Bestellung und die Allgemeinen Geschäftsbedingungen;
- die Erinnerungen, die Mahnungen und den Rückschein des Einschreibens;
- die nicht eingehaltenen Zahlungszusagen und den Schriftverkehr.

Die Entscheidung in Relance erfassen. Zuständig im Forderungsmanagement ist #CollectorName.
`,
  },
];
