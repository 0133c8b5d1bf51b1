import type { Draft } from './make.ts';

/**
 * German: what the customer receives (e-mails, letters, SMS). After the greeting's comma
 * the text goes on in lower case, as German letters do.
 */
export const DE_CUSTOMER: readonly Draft[] = [
  {
    code: 'pre_dunning_email',
    kind: 'email',
    name: 'Vorab-Information: Kontoauszug vor Fälligkeit',
    subject: 'Ihr Kundenkonto bei #CompanyName: Kontoauszug und anstehende Fälligkeiten',
    body: `
#Salutation

anbei erhalten Sie den Auszug Ihres Kundenkontos #CustomerCode, Stand #Today. Wir senden ihn einige Tage vor den nächsten Fälligkeiten, damit Sie Ihre Zahlungen planen können und offene Fragen noch rechtzeitig geklärt werden.

- Demnächst fällig: #NotDueTotal
- Bereits überfällig: #OverdueTotal

#StatementTable

Gibt es etwas, das die Zahlung verzögern könnte, etwa eine fehlende Bestellnummer, eine Frage zu einer Lieferung oder einem Preis oder eine Rechnung, die an die falsche Stelle ging? Antworten Sie einfach auf diese E-Mail; wir klären das gern vor dem Fälligkeitstermin mit Ihnen.

Wenn alles in Ordnung ist, brauchen Sie nichts weiter zu tun. Vielen Dank für die gute Zusammenarbeit.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_email',
    kind: 'email',
    name: 'Zahlungserinnerung: freundlich, geht von einem Versehen aus',
    subject: 'Zahlungserinnerung: #OverdueTotal überfällig, Kundenkonto #CustomerCode',
    body: `
#Salutation

nach unseren Unterlagen sind die folgenden Posten Ihres Kundenkontos fällig, zum #Today aber noch nicht beglichen:

#OverdueTable

Sicher handelt es sich um ein Versehen, oder Ihre Zahlung ist bereits unterwegs; in diesem Fall betrachten Sie diese Nachricht bitte als gegenstandslos. Andernfalls bitten wir Sie, den Betrag von #OverdueTotal zeitnah unter Angabe Ihrer Kundennummer #CustomerCode zu überweisen.

Fehlt Ihnen eine Rechnung oder steht der Zahlung etwas entgegen, antworten Sie einfach auf diese E-Mail: Wir senden Ihnen eine Kopie oder kümmern uns umgehend um die Angelegenheit.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level1_email',
    kind: 'email',
    name: '1. Mahnung: mit Zahlungsfrist',
    subject: '1. Mahnung: #OverdueTotal überfällig, bitte zahlen Sie bis zum #PaymentDeadline',
    body: `
#Salutation

vor Kurzem haben wir Sie an überfällige Posten Ihres Kundenkontos #CustomerCode erinnert; bis heute haben wir weder eine Zahlung noch eine Antwort erhalten. Zum #Today sind folgende Posten weiterhin offen:

#OverdueTable

Bitte überweisen Sie den überfälligen Betrag von #OverdueTotal spätestens bis zum **#PaymentDeadline** unter Angabe Ihrer Kundennummer. Falls Sie bereits gezahlt haben, teilen Sie uns bitte Datum und Referenz der Zahlung mit, damit wir sie zuordnen können.

Gibt es einen Grund, warum diese Rechnungen noch offen sind (eine Rechnung, die Sie nicht erhalten haben, eine Frage zu Lieferung oder Preis, eine ausstehende Freigabe), lassen Sie es uns bitte jetzt wissen: Helfen können wir nur, wenn wir davon erfahren. Außerdem wird Sie in den nächsten Tagen jemand aus unserem Team anrufen, um einen Zahlungstermin zu vereinbaren.

Zu Ihrer Planung: Posten über #NotDueTotal werden in Kürze fällig.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level2_letter',
    kind: 'letter',
    name: '2. Mahnung: kündigt die Kontosperre an',
    subject: '2. Mahnung: letzte Zahlungsaufforderung vor Sperrung Ihres Kundenkontos',
    body: `
#Salutation

trotz unserer Erinnerungen und Anrufe sind die folgenden Posten Ihres Kundenkontos #CustomerCode zum #Today weiterhin unbezahlt:

#OverdueTable

Wir fordern Sie auf, den überfälligen Betrag von **#OverdueTotal** spätestens bis zum **#PaymentDeadline** unter Angabe Ihrer Kundennummer auf das in unseren Rechnungen genannte Konto zu überweisen.

Geht Ihre Zahlung bis zu diesem Datum nicht bei uns ein, müssen wir Ihr Kundenkonto sperren: Neue Aufträge werden dann weder bearbeitet noch ausgeliefert, bis der überfällige Betrag beglichen ist. Das möchten wir gern vermeiden; Ihr Ansprechpartner im Vertrieb von #CompanyName ist informiert.

Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos und senden Sie uns die Zahlungsdaten. Falls Sie einen dieser Posten beanstanden, teilen Sie uns bitte jetzt schriftlich mit, welchen und aus welchem Grund.

Ihre Ansprechperson für dieses Konto: #CollectorName, #CollectorEmail.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'key_account_letter',
    kind: 'letter',
    name: 'Schlüsselkunden, Stufe 2: höfliches Schreiben nach den Anrufen',
    subject: 'Überfällige Posten auf Ihrem Kundenkonto #CustomerCode',
    body: `
#Salutation

die Geschäftsbeziehung mit #CustomerName ist uns wichtig. Deshalb haben wir die folgenden überfälligen Posten bisher telefonisch und nicht schriftlich mit Ihnen besprochen. Zum #Today sind sie weiterhin offen:

#OverdueTable

Wir bitten Sie, den Betrag von **#OverdueTotal** bis zum **#PaymentDeadline** unter Angabe Ihrer Kundennummer #CustomerCode zu überweisen oder uns bis dahin mitzuteilen, mit wem in Ihrem Haus wir die Zahlung abstimmen können.

Ist einer dieser Posten strittig, nennen Sie uns bitte den Posten und den Grund, damit wir die Frage zügig mit unserem Vertrieb klären können. Blieben die Verzögerungen ohne Erklärung, müssten wir die Kreditkonditionen Ihres Kontos überprüfen.

Vielen Dank für Ihre rasche Rückmeldung.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'formal_notice_letter',
    kind: 'letter',
    name: 'Letzte Mahnung: Einschreiben mit Verzugszinsen und Pauschale',
    subject: 'Mahnung mit letzter Zahlungsfrist',
    body: `
**Einschreiben mit Rückschein**

#Salutation

mit diesem Schreiben **mahnen wir Sie förmlich** und setzen Ihnen eine letzte Frist zur Zahlung.

Trotz unserer bisherigen Erinnerungen hat #CustomerName die folgenden Rechnungen von #CompanyName nicht beglichen (Kundenkonto #CustomerCode, Stand #Today):

#OverdueTable

Unsere Forderung setzt sich wie folgt zusammen:

#Penalties

Verzugszinsen fallen in Höhe von #InterestRate jährlich auf jeden offenen Betrag ab dem Tag nach seiner Fälligkeit an; die Verzugspauschale ist für jede verspätet bezahlte Rechnung geschuldet. Beides steht uns nach den gesetzlichen Vorschriften über den Zahlungsverzug im Geschäftsverkehr und nach unseren Allgemeinen Geschäftsbedingungen zu.

Wir fordern Sie hiermit auf, den Betrag von **#ClaimTotal** spätestens bis zum **#PaymentDeadline** unter Angabe Ihrer Kundennummer #CustomerCode auf das in unseren Rechnungen genannte Konto zu überweisen. Die Verzugszinsen laufen bis zur vollständigen Zahlung weiter.

Geht die vollständige Zahlung nicht fristgerecht ein, werden wir ohne weitere Ankündigung gerichtliche Schritte zur Beitreibung der Forderung einleiten, insbesondere einen Mahnbescheid beantragen; die dadurch entstehenden Kosten gehen zusätzlich zu Ihren Lasten. Bis zum Ausgleich des Kontos behalten wir uns vor, Lieferungen zurückzuhalten.

Sollten Sie inzwischen gezahlt haben, teilen Sie uns bitte Datum und Referenz der Zahlung mit. Halten Sie einen Teil dieser Beträge für nicht geschuldet, teilen Sie uns dies bitte vor dem #PaymentDeadline schriftlich und mit Begründung mit.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName\\
#CompanyAddress
`,
  },
  {
    code: 'handover_notice_letter',
    kind: 'letter',
    name: 'Übergabe: Information des Kunden über die Beitreibung',
    subject: 'Übergabe Ihrer offenen Forderung zur Beitreibung',
    body: `
#Salutation

unsere Mahnung ist ohne Ergebnis geblieben: Zum #Today sind die folgenden Rechnungen Ihres Kundenkontos #CustomerCode weiterhin unbezahlt.

#OverdueTable

Einschließlich Verzugszinsen und Verzugspauschale beläuft sich unsere Forderung auf:

#Penalties

Wir haben daher entschieden, die Beitreibung dieser Forderung über #ClaimTotal einem Inkassounternehmen oder unserer Rechtsanwaltskanzlei zu übertragen, die sich direkt mit Ihnen in Verbindung setzen wird. Ab diesem Zeitpunkt können die Kosten der Beitreibung und eines etwaigen Gerichtsverfahrens zu den geschuldeten Beträgen hinzukommen.

Nur eine vollständige Zahlung, die vor der Übergabe bei uns eingeht, kann dieses Verfahren noch abwenden. Wenn Sie jetzt zahlen möchten, wenden Sie sich bitte umgehend an #CollectorName unter #CollectorEmail.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'promise_confirmation_email',
    kind: 'email',
    name: 'Zahlungszusage: schriftliche Bestätigung des Telefonats',
    subject: 'Bestätigung unseres Gesprächs: Zahlung von #PromiseAmount bis zum #PromiseDate',
    body: `
#Salutation

vielen Dank für das Telefonat am #PromiseMadeOn. Wie besprochen, wird #CustomerName den Betrag von **#PromiseAmount** bis zum **#PromiseDate** zahlen.

Zur Erinnerung die überfälligen Posten Ihres Kundenkontos #CustomerCode, Stand #Today:

#OverdueTable

Wir haben diese Zusage vermerkt und werden Sie bis zu diesem Datum nicht erneut an diese Posten erinnern. Sollte sich am Termin oder am Betrag etwas ändern, geben Sie uns bitte vor dem #PromiseDate Bescheid, damit wir gemeinsam eine neue Vereinbarung treffen können.

Mit freundlichen Grüßen

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_sms',
    kind: 'sms',
    name: 'SMS: kurze Zahlungserinnerung',
    body: `
#CompanyName: Auf Ihrem Kundenkonto #CustomerCode sind #OverdueTotal seit dem #OldestDueDate überfällig. Falls Sie bereits gezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos. Fragen: #CollectorEmail
`,
  },
];
