/** A file name made of a profile title. */
export const slug = (title: string): string =>
  title
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80) || 'profile';
