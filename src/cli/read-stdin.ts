/**
 * Reads all of stdin as UTF-8, without its final line break (so `echo secret |` and a
 * file with a trailing newline give the same password). Refuses a terminal: the
 * secret must be piped, never typed visibly or put on the command line.
 */
export async function readSecretFromStdin(limitBytes = 4096): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) break;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
