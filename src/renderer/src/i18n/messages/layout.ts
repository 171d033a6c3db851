/** Strings of the window's layouts and the empty stage. English is the source; ja and ko carry the same keys. */
const en = {
  setting: 'Layout',
  settingHint: 'Companion puts the character first, with the conversation one click away; Chat shows the conversation beside the character.',
  companion: 'Companion',
  chat: 'Chat',
  chatToggle: 'Chat layout',
  toCompanion: 'Put the character first',
  toChat: 'Show the conversation beside the character',
  conversation: 'Conversation log',
  showConversation: 'Show the conversation',
  hideConversation: 'Hide the conversation',
  close: 'Close',
  greeting: 'Hi, I’m {name}.',
  invite: 'Say anything, or start with one of these:',
  suggestions: 'Suggestions',
  cannotAnswer: '{name} can’t answer yet.',
  ask: {
    hello: 'Hi! How are you today?',
    interesting: 'Tell me something interesting.',
    help: 'What can you do?',
  },
}

const ja: typeof en = {
  setting: 'レイアウト',
  settingHint: 'コンパニオンはキャラクターが主役で、会話はワンクリックで開けます。チャットは会話をキャラクターの横に表示します。',
  companion: 'コンパニオン',
  chat: 'チャット',
  chatToggle: 'チャットレイアウト',
  toCompanion: 'キャラクターを主役にする',
  toChat: '会話をキャラクターの横に表示',
  conversation: 'チャット欄',
  showConversation: 'チャット欄を表示',
  hideConversation: 'チャット欄を隠す',
  close: '閉じる',
  greeting: 'こんにちは、{name} です。',
  invite: '何でも話しかけてください。こんな話題からどうぞ:',
  suggestions: '話題の候補',
  cannotAnswer: '{name} はまだ答えられません。',
  ask: {
    hello: 'こんにちは！今日の調子はどう？',
    interesting: '何か面白いことを教えて。',
    help: '何ができるの？',
  },
}

const ko: typeof en = {
  setting: '레이아웃',
  settingHint: '컴패니언은 캐릭터가 중심이고 대화는 한 번의 클릭으로 열립니다. 채팅은 대화를 캐릭터 옆에 보여 줍니다.',
  companion: '컴패니언',
  chat: '채팅',
  chatToggle: '채팅 레이아웃',
  toCompanion: '캐릭터를 중심으로',
  toChat: '대화를 캐릭터 옆에 보기',
  conversation: '채팅창',
  showConversation: '채팅창 보기',
  hideConversation: '채팅창 숨기기',
  close: '닫기',
  greeting: '안녕하세요, {name}입니다.',
  invite: '무엇이든 말해 보세요. 이런 이야기로 시작해도 좋아요:',
  suggestions: '추천 주제',
  cannotAnswer: '{name}은(는) 아직 답할 수 없습니다.',
  ask: {
    hello: '안녕! 오늘 기분 어때?',
    interesting: '재미있는 이야기를 해 줘.',
    help: '무엇을 할 수 있어?',
  },
}

export const layout = { en, ja, ko }
