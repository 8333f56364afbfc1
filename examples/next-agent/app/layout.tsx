import type { Metadata } from 'next';
import 'example-support/base.css';
import './globals.css';

// Next wants the layout as this file's default export; the markup is the one both apps share.
export { RootLayout as default } from 'example-support/root-layout';
export { viewport } from 'example-support/viewport';

export const metadata: Metadata = {
  title: 'Robocoders agent',
  description: 'A coding agent on the AI SDK 7: its steps as rows, chats that last.',
};
