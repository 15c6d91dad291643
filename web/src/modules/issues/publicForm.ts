/** The resident writes one text; the title staff see in their queue is made from the category and its start. */
const TITLE_TEXT = 30;
const TITLE_MAX = 80;

export function makeTitle(categoryName: string, text: string): string {
  const words = text.replace(/\s+/g, ' ').trim();
  const start = [...words].length > TITLE_TEXT ? `${[...words].slice(0, TITLE_TEXT).join('')}…` : words;
  const title = start ? `${categoryName}：${start}` : categoryName;
  return [...title].slice(0, TITLE_MAX).join('');
}
