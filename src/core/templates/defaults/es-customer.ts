import type { Draft } from './make.ts';

/** Spanish: what the customer receives (e-mails, letters, SMS), addressed as "ustedes". */
export const ES_CUSTOMER: readonly Draft[] = [
  {
    code: 'pre_dunning_email',
    kind: 'email',
    name: 'Aviso previo: extracto antes del vencimiento',
    subject: 'Su cuenta en #CompanyName: extracto y próximos vencimientos',
    body: `
#Salutation

Les enviamos a continuación el extracto de su cuenta #CustomerCode a fecha de #Today. Se lo hacemos llegar unos días antes de los próximos vencimientos para que puedan planificar sus pagos y para que cualquier incidencia pueda resolverse a tiempo.

- Vence próximamente: #NotDueTotal
- Ya vencido: #OverdueTotal

#StatementTable

¿Hay algo que pueda retrasar el pago, como un número de pedido que falte, una duda sobre una entrega o un precio, o una factura enviada al departamento equivocado? Basta con responder a este correo y lo resolveremos con ustedes antes del vencimiento.

Si todo está en orden, no es necesario que hagan nada más. Les agradecemos su confianza.

Un cordial saludo,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_email',
    kind: 'email',
    name: 'Recordatorio: cordial, supone un descuido',
    subject: 'Recordatorio de pago: #OverdueTotal vencidos en la cuenta #CustomerCode',
    body: `
#Salutation

Según nuestros registros, los siguientes documentos de su cuenta han vencido y siguen pendientes de pago a fecha de #Today:

#OverdueTable

Lo más probable es que se trate de un simple descuido, o que su pago ya esté en camino; en ese caso, les rogamos que no tengan en cuenta este mensaje. De lo contrario, les agradeceríamos que abonaran el importe de #OverdueTotal a la mayor brevedad, indicando su número de cuenta #CustomerCode.

Si les falta alguna factura, o si algo les impide pagarla, respondan simplemente a este correo: les enviaremos una copia o revisaremos la cuestión de inmediato.

Un cordial saludo,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level1_email',
    kind: 'email',
    name: 'Nivel 1: segundo recordatorio con plazo',
    subject:
      'Segundo recordatorio: #OverdueTotal vencidos, a pagar a más tardar el #PaymentDeadline',
    body: `
#Salutation

Recientemente les escribimos acerca de documentos vencidos en su cuenta #CustomerCode y, hasta la fecha, no hemos recibido ni el pago ni una respuesta. A fecha de #Today, siguen pendientes los siguientes documentos:

#OverdueTable

Les rogamos que abonen el importe vencido de #OverdueTotal a más tardar el **#PaymentDeadline**, indicando su número de cuenta. Si ya han realizado el pago, envíennos la fecha y la referencia para que podamos identificarlo.

Si existe algún motivo por el que estas facturas no se han pagado (una factura que no recibieron, una duda sobre una entrega o un precio, una aprobación pendiente), les rogamos que nos lo comuniquen ahora: solo podemos ayudarles si estamos al corriente. Además, una persona de nuestro equipo les llamará en los próximos días para acordar una fecha de pago.

Para su planificación: en breve vencen documentos por un importe de #NotDueTotal.

Un cordial saludo,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level2_letter',
    kind: 'letter',
    name: 'Nivel 2: último recordatorio, advierte del bloqueo de la cuenta',
    subject: 'Último recordatorio antes del bloqueo de su cuenta',
    body: `
#Salutation

A pesar de nuestros recordatorios y llamadas, los siguientes documentos de su cuenta #CustomerCode siguen impagados a fecha de #Today:

#OverdueTable

Les pedimos que abonen el importe vencido de **#OverdueTotal** a más tardar el **#PaymentDeadline**, mediante transferencia a la cuenta indicada en nuestras facturas y haciendo constar su número de cuenta.

Si su pago no nos ha llegado en esa fecha, nos veremos obligados a bloquear su cuenta: no se tramitarán ni se entregarán nuevos pedidos hasta que se liquide el importe vencido. Preferiríamos evitarlo, y hemos informado a su contacto comercial en #CompanyName.

Si han pagado entretanto, no tengan en cuenta esta carta y envíennos los datos del pago. Si no están conformes con alguno de estos documentos, indíquennos ahora, por escrito, cuál y por qué motivo.

Su persona de contacto para esta cuenta: #CollectorName, #CollectorEmail.

Atentamente,

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'key_account_letter',
    kind: 'letter',
    name: 'Cuentas clave, nivel 2: carta cortés tras las llamadas',
    subject: 'Documentos vencidos en su cuenta #CustomerCode',
    body: `
#Salutation

Valoramos mucho nuestra relación con #CustomerName; por eso, hasta ahora hemos tratado con ustedes por teléfono, y no por escrito, los documentos vencidos que figuran a continuación. A fecha de #Today, siguen pendientes:

#OverdueTable

Les rogamos que abonen el importe de **#OverdueTotal** a más tardar el **#PaymentDeadline**, indicando su número de cuenta #CustomerCode, o que nos indiquen antes de esa fecha con quién de su organización podemos acordar el pago.

Si alguno de estos documentos es objeto de reclamación, indíquennos cuál y por qué motivo, para que podamos resolverlo rápidamente con nuestro equipo comercial. Unos retrasos que siguieran sin explicación nos obligarían a revisar las condiciones de crédito de su cuenta.

Les agradecemos de antemano su pronta atención.

Atentamente,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'formal_notice_letter',
    kind: 'letter',
    name: 'Requerimiento de pago: carta certificada con intereses',
    subject: 'Requerimiento formal de pago',
    body: `
**Carta certificada con acuse de recibo**

#Salutation

**Por medio de la presente les efectuamos un requerimiento formal de pago.**

A pesar de nuestros recordatorios anteriores, #CustomerName no ha abonado las siguientes facturas adeudadas a #CompanyName (cuenta #CustomerCode, situación a fecha de #Today):

#OverdueTable

Nuestra reclamación se desglosa como sigue:

#Penalties

Los intereses de demora se devengan al tipo anual del #InterestRate sobre cada importe pendiente desde el día siguiente a su vencimiento; la indemnización por costes de cobro se debe por cada factura pagada con retraso. Ambos conceptos nos corresponden conforme a la normativa sobre morosidad en las operaciones comerciales y a nuestras condiciones generales de venta.

Les requerimos para que abonen la cantidad de **#ClaimTotal** a más tardar el **#PaymentDeadline**, mediante transferencia a la cuenta indicada en nuestras facturas y haciendo constar su número de cuenta #CustomerCode. Los intereses de demora siguen devengándose hasta el pago completo.

Si en dicho plazo no hemos recibido el pago íntegro, iniciaremos sin más aviso las acciones judiciales oportunas para el cobro de la deuda, en particular un procedimiento monitorio, y les reclamaremos los costes correspondientes además de las cantidades indicadas. Hasta que la cuenta quede saldada, nos reservamos el derecho de suspender las entregas.

Si han pagado entretanto, envíennos la fecha y la referencia del pago. Si consideran que alguna de estas cantidades no es debida, comuníquennoslo por escrito y de forma motivada antes del #PaymentDeadline.

Atentamente,

#CollectorName\\
#CompanyName\\
#CompanyAddress
`,
  },
  {
    code: 'handover_notice_letter',
    kind: 'letter',
    name: 'Traspaso a recobro: aviso al cliente',
    subject: 'Traspaso de su deuda a gestión de recobro',
    body: `
#Salutation

Nuestro requerimiento de pago no ha surtido efecto: a fecha de #Today, las siguientes facturas de su cuenta #CustomerCode siguen impagadas.

#OverdueTable

Con los intereses de demora y la indemnización por costes de cobro, nuestra reclamación queda como sigue:

#Penalties

Por ello, hemos decidido encomendar el cobro de esta deuda de #ClaimTotal a una empresa de recobro o a nuestros abogados, que se pondrán en contacto directamente con ustedes. A partir de ese momento, los costes del recobro y, en su caso, del procedimiento judicial podrán añadirse a las cantidades adeudadas.

Solo un pago íntegro recibido antes del traspaso del expediente permitirá detener este procedimiento. Si desean saldar la deuda ahora, pónganse en contacto sin demora con #CollectorName en #CollectorEmail.

Atentamente,

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'promise_confirmation_email',
    kind: 'email',
    name: 'Promesa de pago: confirmación escrita de la llamada',
    subject: 'Confirmación de nuestra llamada: pago de #PromiseAmount a más tardar el #PromiseDate',
    body: `
#Salutation

Les agradecemos la conversación telefónica del #PromiseMadeOn. Tal como acordamos, #CustomerName abonará **#PromiseAmount** a más tardar el **#PromiseDate**.

Como referencia, estos son los documentos vencidos de su cuenta #CustomerCode a fecha de #Today:

#OverdueTable

Hemos tomado nota de este compromiso y no les enviaremos nuevos recordatorios sobre estos documentos antes de esa fecha. Si hubiera algún cambio en la fecha o en el importe, les rogamos que nos avisen antes del #PromiseDate para que podamos acordar una nueva solución.

Un cordial saludo,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_sms',
    kind: 'sms',
    name: 'SMS: recordatorio de pago breve',
    body: `
#CompanyName: su cuenta #CustomerCode tiene #OverdueTotal vencidos desde el #OldestDueDate. Si ya han pagado, no tengan en cuenta este mensaje. Consultas: #CollectorEmail
`,
  },
];
