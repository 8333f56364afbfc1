// The wording is shared with next-chat; this path stays so the app's imports of it keep working.
export { describeError } from 'example-support/error-message';
