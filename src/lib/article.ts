/** "an incident", "a case": a noun with its English indefinite article, for the API reference's texts. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}
