/**
 * The loopback SMTP server of bench/delivery.ts, in its own process so that parsing the
 * messages does not share the senders' event loop. Prints its port; answers `count` on IPC
 * with the number of messages accepted.
 */
import { SmtpSink } from '../test/helpers/smtp-sink.ts';

const sink = await new SmtpSink({ keep: false }).start();
process.on('message', (m: unknown) => {
  if (m === 'count') process.send?.({ accepted: sink.accepted });
  if (m === 'stop') void sink.stop().then(() => process.exit(0));
});
process.send?.({ port: sink.port });
