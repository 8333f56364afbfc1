import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'example-support/base.css';
import './globals.css';

export { viewport } from 'example-support/viewport';

export const metadata: Metadata = {
  title: 'Robocoders agent',
  description: 'A coding agent on the AI SDK 7: its steps as rows, chats that last.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
