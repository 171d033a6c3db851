/** Tool cards' friendly titles (lib/tool-title.ts). ja and ko carry the same keys. */
const en = {
  clock: 'Checked the clock',
  calculator: 'Calculated',
  remember: 'Took a note',
  recall: 'Looked at the notes',
  used: 'Used {name}',
  tool: 'Tool',
}

const ja: typeof en = {
  clock: '時計を確認しました',
  calculator: '計算しました',
  remember: 'メモしました',
  recall: 'メモを見ました',
  used: '{name} を使いました',
  tool: 'ツール',
}

const ko: typeof en = {
  clock: '시계를 확인했습니다',
  calculator: '계산했습니다',
  remember: '메모했습니다',
  recall: '메모를 봤습니다',
  used: '{name} 사용함',
  tool: '도구',
}

export const tools = { en, ja, ko }
