/**
 * A small tmpfs to fill up, for full-disk tests. Mounting needs root (or CAP_SYS_ADMIN); where the
 * machine does not allow it, `mountSmallDisk` returns the reason, which the test prints as it skips.
 *
 *   const disk = mountSmallDisk()          // { dir, fill(), free(), unmount() } | { skip: reason }
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SmallDisk {
  dir: string
  /** Writes filler until the disk is full (ENOSPC). */
  fill(): void
  /** Removes the filler. */
  free(): void
  unmount(): void
}

export function mountSmallDisk(sizeKb = 256): SmallDisk | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mira-full-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)
    return { skip: `cannot mount a small tmpfs here (${detail}): full-disk cases not run` }
  }
  const filler = join(dir, 'filler')
  return {
    dir,
    fill() {
      let i = 0
      try {
        for (;;) writeFileSync(`${filler}-${i++}`, Buffer.alloc(4096))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
      }
    },
    free() {
      execFileSync('sh', ['-c', `rm -f "${filler}"-*`])
    },
    unmount() {
      execFileSync('umount', [dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
