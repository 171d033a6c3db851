/** One plain sentence per connection problem, and the words of its actions. ja and ko carry the same keys. */
const en = {
  unreachable: 'Can’t reach {host} — is the server running?',
  noToken: '{host} needs a token: enter it in Settings.',
  tokenRefused: '{host} refused the token: enter the right one in Settings.',
  tokenRefusedBecause: '{host} refused the token ({reason}): enter the right one in Settings.',
  tokenRefusedGiven: '{host} refused the token Mira was started with (--token or MIRA_TOKEN): start Mira again with the right one.',
  tokenRefusedGivenBecause: '{host} refused the token Mira was started with (--token or MIRA_TOKEN; {reason}): start Mira again with the right one.',
  tokenNeeded: 'Token needed',
  tokenRefusedLabel: 'Token refused',
  apiKeyLabel: 'API key or user id needed',
  test: 'Test connection',
  tokenFieldRefused: 'The server refused the saved token: type the right one.',
}

const ja: typeof en = {
  unreachable: '{host} に接続できません — サーバーは起動していますか？',
  noToken: '{host} に入るにはトークンが必要です。設定で入力してください。',
  tokenRefused: '{host} がトークンを拒否しました。設定で正しいトークンを入力してください。',
  tokenRefusedBecause: '{host} がトークンを拒否しました（{reason}）。設定で正しいトークンを入力してください。',
  tokenRefusedGiven: '{host} が起動時に渡されたトークン（--token または MIRA_TOKEN）を拒否しました。正しいトークンで Mira を起動し直してください。',
  tokenRefusedGivenBecause: '{host} が起動時に渡されたトークン（--token または MIRA_TOKEN、{reason}）を拒否しました。正しいトークンで Mira を起動し直してください。',
  tokenNeeded: 'トークンが必要',
  tokenRefusedLabel: 'トークン拒否',
  apiKeyLabel: 'API キーかユーザー ID が必要',
  test: '接続テスト',
  tokenFieldRefused: '保存済みのトークンはサーバーに拒否されました。正しいトークンを入力してください。',
}

const ko: typeof en = {
  unreachable: '{host}에 연결할 수 없습니다 — 서버가 실행 중인가요?',
  noToken: '{host}에 들어가려면 토큰이 필요합니다. 설정에서 입력하세요.',
  tokenRefused: '{host}이(가) 토큰을 거부했습니다. 설정에서 올바른 토큰을 입력하세요.',
  tokenRefusedBecause: '{host}이(가) 토큰을 거부했습니다({reason}). 설정에서 올바른 토큰을 입력하세요.',
  tokenRefusedGiven: '{host}이(가) 시작할 때 받은 토큰(--token 또는 MIRA_TOKEN)을 거부했습니다. 올바른 토큰으로 Mira를 다시 시작하세요.',
  tokenRefusedGivenBecause: '{host}이(가) 시작할 때 받은 토큰(--token 또는 MIRA_TOKEN, {reason})을 거부했습니다. 올바른 토큰으로 Mira를 다시 시작하세요.',
  tokenNeeded: '토큰 필요',
  tokenRefusedLabel: '토큰 거부됨',
  apiKeyLabel: 'API 키 또는 사용자 ID 필요',
  test: '연결 테스트',
  tokenFieldRefused: '저장된 토큰이 서버에서 거부되었습니다. 올바른 토큰을 입력하세요.',
}

export const problems = { en, ja, ko }
