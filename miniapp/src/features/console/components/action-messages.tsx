/** What the last console action left: an error (role alert) or a notice (role status). */
export function ActionMessages({ error, notice }: { error: string; notice: string }) {
  return (
    <>
      {error && (
        <p className="console-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="console-ok" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
