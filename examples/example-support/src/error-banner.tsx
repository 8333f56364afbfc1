/** A failure in one sentence with Retry beside it (base.css: `.error-banner`), as an alert. */
export function ErrorBanner({
  message,
  onRetry,
  retryDisabled = false,
  className = '',
}: {
  message: string;
  onRetry: () => void;
  retryDisabled?: boolean;
  className?: string;
}) {
  return (
    <div className={`error-banner ${className}`.trim()} role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry} disabled={retryDisabled}>
        Retry
      </button>
    </div>
  );
}
