import type { Metadata } from 'next';
import 'example-support/base.css';
import './globals.css';

// Next wants the layout as this file's default export; the markup is the one both apps share.
export { RootLayout as default } from 'example-support/root-layout';
export { viewport } from 'example-support/viewport';

export const metadata: Metadata = {
  title: 'Robocoders chat',
  description: 'Chat with Robocoders coding agents through the AI SDK provider.',
};
