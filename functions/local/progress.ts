/** A one-line progress bar on stderr: `seeding demo dramas [#####-----] 17/39 label`. */
export function progressBar(title: string, width = 24): (done: number, total: number, label: string) => void {
  const tty = process.stderr.isTTY;
  return (done, total, label) => {
    const filled = total ? Math.round((done / total) * width) : width;
    const line = `${title} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
    else if (done === total || done % 5 === 0) process.stderr.write(`${line}\n`);
  };
}
