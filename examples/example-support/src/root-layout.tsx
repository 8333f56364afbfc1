import type { ReactNode } from 'react';

/** The apps' root layout (each app's app/layout.tsx exports it as Next's default). */
export function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
