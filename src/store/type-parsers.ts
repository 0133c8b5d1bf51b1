/** int8 → number, refusing values a JS number cannot hold exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`integer ${text} is outside the safe range of this application`);
  }
  return value;
}
