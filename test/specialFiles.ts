import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files that are not regular files, made in `dir`, each with what a refusal must say: a FIFO, a
 * link to it, /dev/zero and a link to it (reading either would hang or never end).
 */
export function specialFiles(dir: string): [path: string, why: RegExp][] {
  const fifo = join(dir, 'pipe.proofline.json');
  execFileSync('mkfifo', [fifo]);
  const toFifo = join(dir, 'to-pipe.proofline.json');
  symlinkSync(fifo, toFifo);
  const toZero = join(dir, 'zero.proofline.json');
  symlinkSync('/dev/zero', toZero);
  const pipe = /named pipe \(FIFO\), not a regular file/;
  const device = /character device, not a regular file/;
  return [[fifo, pipe], [toFifo, pipe], ['/dev/zero', device], [toZero, device]];
}
