import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'example-support/base.css';
import './globals.css';

export { viewport } from 'example-support/viewport';

export const metadata: Metadata = {
  title: 'Robocoders chat',
  description: 'Chat with Robocoders coding agents through the AI SDK provider.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
