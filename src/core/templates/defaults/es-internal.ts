import type { Draft } from './make.ts';

/** Spanish: call scripts for collectors and notifications to colleagues. */
export const ES_INTERNAL: readonly Draft[] = [
  {
    code: 'level1_call',
    kind: 'call_script',
    name: 'Llamada de nivel 1: obtener una fecha',
    body: `
## Antes de llamar

- #CustomerName, cuenta #CustomerCode. Preguntar por #ContactName, teléfono #ContactPhone.
- Vencido: **#OverdueTotal**, el documento más antiguo vencido el #OldestDueDate (#DaysLate días de retraso). Se han enviado por correo un recordatorio y un segundo recordatorio.

#OverdueTable

## Apertura

«Buenos días, soy #CollectorName, de #CompanyName. ¿Podría hablar con #ContactName, por favor? … Le llamo en relación con su cuenta con nosotros. ¿Tiene dos minutos?»

## Motivo de la llamada

«Les hemos enviado recordatorios sobre #OverdueCount documentos vencidos, #OverdueTotal en total, el más antiguo vencido el #OldestDueDate. Quería comprobar que han recibido nuestras facturas y saber si hay algo que esté frenando el pago.»

Escuchar y anotar el motivo que se indique.

## Pedir una fecha

«¿Para qué fecha podemos contar con el pago de los #OverdueTotal?» Obtener una fecha y un importe. Si solo se puede pagar una parte, acordar el importe y la fecha de cada pago. El plazo indicado en nuestro correo vence el #PaymentDeadline.

## Objeciones

| El cliente dice | Usted responde |
| :-- | :-- |
| «No hemos recibido la factura.» | «Hoy mismo le envío una copia por correo. ¿Me confirma que entrará en su próxima remesa de pagos, y en qué fecha?» |
| «Está pendiente de aprobación.» | «¿Quién tiene que aprobarla, y para cuándo? ¿Pueden pagar mientras tanto las demás facturas?» |
| «Hay un problema con la entrega, o con el precio.» | «Gracias por decírmelo. ¿En qué factura, y cuál es exactamente el problema? Lo registro y lo hago revisar; las demás facturas siguen siendo exigibles.» |
| «Solo pagamos una vez al mes.» | «Entonces, ¿puedo contar con su próxima remesa? ¿En qué fecha es?» |
| «Ahora mismo andamos justos de tesorería.» | «Lo entiendo. ¿Qué pueden pagar ahora, y cuándo el resto? Acordemos fechas que puedan cumplir.» |
| «Ya está pagado.» | «Gracias. ¿En qué fecha, por qué importe y con qué referencia? Lo compruebo con nuestro banco y le llamo si el pago no ha llegado.» |

## Cierre

Repetir el compromiso: importe, fecha, facturas. «Hoy mismo le envío un correo que confirma lo que hemos acordado.» Registrar la promesa de pago en Relance, que envía la confirmación por escrito, o registrar la reclamación con su motivo. Agradecer la atención.
`,
  },
  {
    code: 'level2_call',
    kind: 'call_script',
    name: 'Llamada de nivel 2: última llamada antes del bloqueo',
    body: `
## Antes de llamar

- #CustomerName, cuenta #CustomerCode. Preguntar por #ContactName, teléfono #ContactPhone; si no puede comprometerse, preguntar quién puede (responsable de contabilidad, director financiero).
- Vencido: **#OverdueTotal**, el documento más antiguo con #DaysLate días de retraso. Se ha enviado la carta de último recordatorio: pago a más tardar el #PaymentDeadline; después, la cuenta quedará bloqueada.

#OverdueTable

## Apertura

«Buenos días, soy #CollectorName, de #CompanyName. Quisiera hablar con #ContactName, o con la persona que decide los pagos a proveedores, sobre su cuenta. Es urgente.»

## Motivo de la llamada

«A pesar de nuestros recordatorios y de nuestra última llamada, siguen vencidos #OverdueTotal, la factura más antigua con #DaysLate días de retraso. Les hemos escrito: si no recibimos el pago a más tardar el #PaymentDeadline, su cuenta quedará bloqueada y no se entregarán nuevos pedidos. Me gustaría encontrar hoy una solución con usted para evitarlo.»

## Pedir una fecha

«¿Me puede confirmar el pago de los #OverdueTotal antes del #PaymentDeadline? ¿En qué fecha exactamente?» Si la respuesta es vaga, pedir el nombre de la persona que puede decidir y cuándo localizarla.

## Objeciones

| El cliente dice | Usted responde |
| :-- | :-- |
| «¿Nos bloquean los pedidos por un pequeño retraso?» | «Llevamos varias semanas reclamando este pago. Una fecha firme hoy basta para evitar el bloqueo.» |
| «Tengo que consultarlo internamente.» | «Por supuesto. ¿Con quién? ¿Puedo hablar ahora con esa persona, o a qué hora puedo llamarla hoy?» |
| «No estamos conformes con una de las facturas.» | «¿Con cuál, y por qué motivo? Registro la reclamación solo para esa factura; las demás siguen venciendo el #PaymentDeadline.» |
| «No podemos pagarlo todo de una vez.» | «Acordemos entonces un primer pago antes del #PaymentDeadline y una fecha para el resto. Necesito ambos por escrito.» |
| «El pago ya está programado.» | «Gracias. ¿En qué fecha y por qué importe? Envíeme el justificante de la transferencia en cuanto salga.» |

## Cierre

Repetir el compromiso: importe, fecha, quién lo ha decidido. «Se lo confirmo hoy mismo por escrito.» Registrar la promesa de pago en Relance, que envía la confirmación por escrito. Si no hay compromiso, decir claramente que el bloqueo se aplicará después del #PaymentDeadline e informar al responsable comercial.
`,
  },
  {
    code: 'level2_notify_sales',
    kind: 'internal',
    name: 'Nivel 2: se consulta al comercial antes del último recordatorio',
    subject: '#CustomerName: el último recordatorio está a punto de salir, #OverdueTotal vencidos',
    body: `
Hola, #SalesOwnerName:

#CustomerName (cuenta #CustomerCode) tiene **#OverdueTotal** vencidos; el documento más antiguo lleva #DaysLate días de retraso. Los recordatorios y la llamada no han dado resultado hasta ahora.

Salvo que usted se oponga a más tardar el **#ObjectionDeadline**, saldrá el último recordatorio: una carta que pide el pago en un plazo y advierte del bloqueo de la cuenta, seguida de una llamada de #CollectorName.

#OverdueTable

Responda a #CollectorName (#CollectorEmail) a más tardar el #ObjectionDeadline si:

- tiene conocimiento de una reclamación, de un problema de entrega o de facturación, o de un acuerdo de pago;
- hay un motivo comercial para esperar (un pedido en negociación, un interlocutor ausente);
- puede ayudar: una llamada suya a su contacto en el cliente suele desbloquear la situación.

En caso contrario, no tiene que hacer nada.
`,
  },
  {
    code: 'key_account_notify_sales',
    kind: 'internal',
    name: 'Cuentas clave: se informa al comercial antes de la primera llamada',
    subject: '#CustomerName: #OverdueTotal vencidos, vamos a llamarles',
    body: `
Hola, #SalesOwnerName:

Para su información: #CustomerName (cuenta #CustomerCode) tiene **#OverdueTotal** vencidos, el documento más antiguo vencido el #OldestDueDate. Al tratarse de una cuenta clave, no enviamos carta: #CollectorName llamará al cliente en los próximos días para acordar una fecha de pago.

#OverdueTable

Si conoce algo que explique el retraso (una reclamación, un cambio de interlocutor, un pedido en curso), o si prefiere hacer usted la llamada, avise a #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'formal_notice_notify',
    kind: 'internal',
    name: 'Requerimiento de pago: se informa al responsable de crédito',
    subject: 'Requerimiento de pago a #CustomerName pendiente de validación: #ClaimTotal',
    body: `
Hola:

Un requerimiento de pago a #CustomerName (cuenta #CustomerCode), cuenta clave, está preparado y pendiente de validación antes de enviarse por correo certificado.

- Vencido: #OverdueTotal, el documento más antiguo con #DaysLate días de retraso
- Reclamado con intereses e indemnización: #ClaimTotal
- Plazo indicado en la carta: #PaymentDeadline

#OverdueTable

Antes de validarlo, compruebe que no hay ninguna reclamación abierta sobre estos documentos, que no se ha registrado ningún pago ni promesa desde la última llamada y que se ha consultado al comercial. El gestor de cobro responsable es #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'handover_task',
    kind: 'internal',
    name: 'Traspaso a recobro: decisión y expediente',
    subject: 'Decisión de traspaso: #CustomerName, #OverdueTotal vencidos',
    body: `
El requerimiento de pago a #CustomerName (cuenta #CustomerCode) no ha ido seguido de pago. Siguen vencidos **#OverdueTotal**, el documento más antiguo con #DaysLate días de retraso.

#OverdueTable

Documentos en reclamación, apartados:

#DisputedTable

## Decidir

- **Empresa de recobro**: para un cliente que sigue en actividad, cuando la deuda no se discute.
- **Procedimiento monitorio**: para una deuda no discutida, acreditada con facturas, albaranes y el requerimiento de pago.
- **Aseguradora de crédito**: si la cuenta está asegurada, declarar el siniestro dentro del plazo de la póliza.
- **Esperar**: solo con un motivo por escrito (un acuerdo en negociación, un pago anunciado).

## Preparar el expediente

- las facturas y las pruebas de entrega o de aceptación;
- el contrato o el pedido, y las condiciones generales de venta;
- los recordatorios, el requerimiento de pago y su acuse de recibo;
- las promesas de pago incumplidas y la correspondencia.

Registrar la decisión en Relance. El gestor de cobro responsable es #CollectorName.
`,
  },
];
