/**
 * The apps' Next `viewport` export: the browser's own bars take the colour of the page behind
 * them, base.css's --bg in the light and the dark scheme (keep the two in step).
 */
export const viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7f8' },
    { media: '(prefers-color-scheme: dark)', color: '#16171a' },
  ],
};
