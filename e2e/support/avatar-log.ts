/** Reading the avatar recording that `RECORD_AVATAR` (page-scripts.ts) keeps in the page. */
import type { Page } from '@playwright/test'
import { AVATAR_LOG, RECORD_AVATAR } from './page-scripts'

export interface AvatarMoment {
  caption: string
  state: string
  expression: string
  reaction: string
  widestMouth: number
  mouthToBody: number
  minWeight: number
  /** The weight when the moment ended. */
  weight: number
}

export const recordAvatar = (page: Page): Promise<void> => page.evaluate(RECORD_AVATAR)

export const avatarLog = (page: Page): Promise<AvatarMoment[]> => page.evaluate(AVATAR_LOG) as Promise<AvatarMoment[]>

/** The captions shown, in order, each once. */
export function captionsShown(log: AvatarMoment[]): string[] {
  return log.map((moment) => moment.caption).filter((caption, i, all) => caption !== '' && caption !== all[i - 1])
}

/** The moments while one caption was shown. */
export const whileShown = (log: AvatarMoment[], caption: string): AvatarMoment[] => log.filter((moment) => moment.caption === caption)

export const widestMouth = (moments: AvatarMoment[]): number => Math.max(0, ...moments.map((moment) => moment.widestMouth))
