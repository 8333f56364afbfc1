// The renderer is shared with next-chat; this path stays so the app's imports of it keep working.
export { Markdown } from 'example-support/markdown';
