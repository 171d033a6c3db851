import { describe, expect, it } from 'vitest'
import { HostError, type HostText } from '../../../shared/host'
import { createAppI18n, type Locale } from '../i18n'
import { hostErrorText, hostText } from './host-text'
import { say, type LocalText } from './local-text'

/** The words of `value` as the app shows them in `locale`. */
function shown(value: LocalText, locale: Locale): string {
  const { t } = createAppI18n(locale).global
  return say((name, params) => t(name, params), value)
}

describe('hostText', () => {
  it('words a known code in the reader’s language, with its params', () => {
    const reason: HostText = {
      text: 'Cannot reach 127.0.0.1:9 (connection refused)',
      textCode: 'linkUnreachable',
      params: { host: '127.0.0.1:9', cause: 'ECONNREFUSED' },
    }
    expect(shown(hostText(reason), 'en')).toBe(reason.text)
    expect(shown(hostText(reason), 'ja')).toBe('127.0.0.1:9 に接続できません（接続を拒否されました）')
    expect(shown(hostText(reason), 'ko')).toBe('127.0.0.1:9에 연결할 수 없습니다 (연결 거부됨)')
  })

  it('words the connection test’s details: English as the host writes them, Japanese and Korean with their values', () => {
    // The host's English for these (main/core/doctor/checks.ts, run by test/core/doctor/test-connection.test.ts).
    const accepted: HostText = { text: 'token from the dialog (not saved yet) accepted', textCode: 'checkTokenAccepted', params: { source: 'dialog' } }
    const notRun: HostText = { text: 'not run: no TCP connection', textCode: 'checkNotRunTcp' }
    const ping: HostText = { text: 'ping after 200 ms answered with pong; round trip 3 ms', textCode: 'checkPing', params: { after: 200, rtt: 3 } }
    for (const detail of [accepted, notRun, ping]) expect(shown(hostText(detail), 'en')).toBe(detail.text)
    expect(shown(hostText(accepted), 'ko')).toBe('대화 상자(저장 전)의 토큰이 받아들여졌습니다')
    expect(shown(hostText(accepted), 'ja')).toBe('ダイアログ（未保存）のトークンが受け入れられました')
    expect(shown(hostText(notRun), 'ja')).toBe('未実行：TCP 接続がありません')
    expect(shown(hostText(ping), 'ko')).toBe('200 ms 후의 ping에 pong으로 응답했습니다. 왕복 3 ms')
  })

  it('keeps a server’s own words as they are, quoted inside the sentence', () => {
    const refused = { text: 'The server refused the token: Invalid authentication token', textCode: 'linkTokenRefused', params: { error: 'Invalid authentication token' } }
    expect(shown(hostText(refused), 'en')).toBe(refused.text)
    expect(shown(hostText(refused), 'ja')).toBe('サーバーがトークンを拒否しました：「Invalid authentication token」')
    // A param that merely looks like a known value is only worded where the message expects that kind.
    expect(shown(hostText({ text: 'x', textCode: 'linkTlsFailed', params: { host: 'h', error: 'ECONNREFUSED' } }), 'ja')).toBe('h への安全な接続に失敗しました（ECONNREFUSED）')
  })

  it('shows the host’s English text for an unknown code or none', () => {
    expect(hostText({ text: 'Something new', textCode: 'fromANewerHost', params: { a: 1 } })).toEqual({ text: 'Something new' })
    expect(hostText({ text: 'Plain words' })).toEqual({ text: 'Plain words' })
    expect(shown(hostText({ text: 'Plain words' }), 'ja')).toBe('Plain words')
  })

  it('shows the English text rather than a sentence with a hole when a param is missing', () => {
    expect(hostText({ text: 'Cannot reach h:1 (refused)', textCode: 'linkUnreachable', params: { host: 'h:1' } })).toEqual({ text: 'Cannot reach h:1 (refused)' })
    expect(hostText({ text: 'Sending failed: x', textCode: 'sendFailed' })).toEqual({ text: 'Sending failed: x' })
    // A code without placeholders needs none.
    expect(shown(hostText({ text: 'Stopped', textCode: 'linkStopped' }), 'ja')).toBe('停止しました')
  })

  it('lets Japanese and Korean use a param the English leaves inside the detail (a refused setting’s bound)', () => {
    const text = 'Invalid settings: historyLimit: Too small: expected number to be >=1'
    const refusal = { text, textCode: 'settingsTooSmall', params: { path: 'historyLimit', detail: 'Too small: expected number to be >=1', min: 1 } }
    expect(shown(hostText(refusal), 'en')).toBe(text)
    expect(shown(hostText(refusal), 'ja')).toBe('設定が正しくありません：historyLimit は 1 以上にしてください')
    expect(shown(hostText(refusal), 'ko')).toBe('설정이 올바르지 않습니다: historyLimit은(는) 1 이상이어야 합니다')
    // Without the bound no language gets a sentence with a hole: the English stands.
    expect(hostText({ ...refusal, params: { path: 'historyLimit', detail: 'x' } })).toEqual({ text })
  })

  it('words why a message stopped', () => {
    const lost = { text: 'Connection lost before the answer finished', textCode: 'messageConnectionLost' }
    expect(shown(hostText(lost), 'en')).toBe(lost.text)
    expect(shown(hostText(lost), 'ja')).toBe('回答の途中で接続が切れました')
    expect(shown(hostText({ text: 'The app closed before the answer finished', textCode: 'messageAppClosed' }), 'ko')).toBe('답변이 끝나기 전에 앱이 종료되었습니다')
  })

  it('says how many like it were held back', () => {
    const notice = { text: '… (49 more like it were not shown)', textCode: 'badFrameNotJson', params: { suppressed: 49 } }
    expect(shown(hostText(notice), 'en')).toBe('Ignored a bad frame from the server: Frame is not valid JSON (49 more like it were not shown)')
    expect(shown(hostText(notice), 'ja')).toBe('サーバーからの不正なフレームを無視しました：JSON として読めません（同様の 49 件は表示していません）')
  })
})

describe('hostErrorText', () => {
  it('words a HostError by its code, else shows its message', () => {
    const tooLarge = new HostError('invalid-request', 'The image is larger than 20 MB', { textCode: 'imageTooLarge', params: { max: 20 } })
    expect(shown(hostErrorText(tooLarge), 'ja')).toBe('画像が 20 MB を超えています')
    expect(shown(hostErrorText(new HostError('internal', 'Odd')), 'ja')).toBe('Odd')
    expect(hostErrorText(new Error('Plain'))).toEqual({ text: 'Plain' })
    expect(hostErrorText('text')).toEqual({ text: 'text' })
  })
})
