/** Where things live on an agent server, and which server-given paths are refused. */
import { describe, expect, it } from 'vitest'
import {
  normalizeChatUrl,
  resolveServerPath,
  restBaseFromChatUrl,
  ServerUrlError,
  tryResolveServerPath,
} from '../../src/shared/server-url'

describe('normalizeChatUrl', () => {
  it.each([
    ['127.0.0.1:5500', 'ws://127.0.0.1:5500/v1/chat/stream'],
    ['  localhost:5500  ', 'ws://localhost:5500/v1/chat/stream'],
    ['ws://127.0.0.1:5500', 'ws://127.0.0.1:5500/v1/chat/stream'],
    ['ws://127.0.0.1:5500/', 'ws://127.0.0.1:5500/v1/chat/stream'],
    ['http://127.0.0.1:5500', 'ws://127.0.0.1:5500/v1/chat/stream'],
    ['https://agent.example:8443', 'wss://agent.example:8443/v1/chat/stream'],
    ['wss://agent.example/custom/path', 'wss://agent.example/custom/path'],
    ['ws://127.0.0.1:5500/v1/chat/stream#frag', 'ws://127.0.0.1:5500/v1/chat/stream'],
    ['WS://127.0.0.1:5500', 'ws://127.0.0.1:5500/v1/chat/stream'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeChatUrl(input)).toBe(expected)
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ftp://host', 'must start with'],
    ['file:///etc/passwd', 'must start with'],
    ['ws://user:secret@host:5500', 'token field'],
    ['ws://exa mple:5500', 'not a valid'],
  ])('refuses %j', (input, message) => {
    expect(() => normalizeChatUrl(input)).toThrow(ServerUrlError)
    expect(() => normalizeChatUrl(input)).toThrow(message)
  })
})

describe('restBaseFromChatUrl', () => {
  it('maps ws → http and wss → https, keeping host and port', () => {
    expect(restBaseFromChatUrl('ws://127.0.0.1:5500/v1/chat/stream')).toBe('http://127.0.0.1:5500/v1')
    expect(restBaseFromChatUrl('wss://agent.example/v1/chat/stream')).toBe('https://agent.example/v1')
    expect(restBaseFromChatUrl('ws://[::1]:5500/v1/chat/stream')).toBe('http://[::1]:5500/v1')
  })

  it('refuses a non-WebSocket URL', () => {
    expect(() => restBaseFromChatUrl('http://127.0.0.1:5500/v1')).toThrow(ServerUrlError)
  })
})

describe('resolveServerPath', () => {
  const base = 'http://127.0.0.1:5500/v1'

  it.each([
    ['/bg/night.jpg', 'http://127.0.0.1:5500/v1/bg/night.jpg'],
    ['bg/night.jpg', 'http://127.0.0.1:5500/v1/bg/night.jpg'],
    ['/bg/./x.png', 'http://127.0.0.1:5500/v1/bg/x.png'],
    ['/bg/../x.png', 'http://127.0.0.1:5500/v1/x.png'],
    ['/live2d/mira/runtime/mira.model3.json', 'http://127.0.0.1:5500/v1/live2d/mira/runtime/mira.model3.json'],
    ['/bg/my%20room.png', 'http://127.0.0.1:5500/v1/bg/my%20room.png'],
    ['/bg/a b.png', 'http://127.0.0.1:5500/v1/bg/a%20b.png'],
    ['http://127.0.0.1:5500/v1/bg/x.png', 'http://127.0.0.1:5500/v1/bg/x.png'],
    ['  /bg/x.png ', 'http://127.0.0.1:5500/v1/bg/x.png'],
  ])('allows %j', (path, expected) => {
    expect(resolveServerPath(base, path)).toBe(expected)
    expect(resolveServerPath(`${base}/`, path)).toBe(expected)
  })

  it.each([
    ['an empty path', ''],
    ['another origin', 'http://evil.example/v1/bg/x.png'],
    ['another port', 'http://127.0.0.1:6600/v1/bg/x.png'],
    ['the same origin outside /v1', 'http://127.0.0.1:5500/admin'],
    ['a protocol-relative URL', '//evil.example/x.png'],
    ['a .. escape', '/../admin'],
    ['a nested .. escape', '/bg/../../secret'],
    ['an encoded .. escape', '/bg/%2e%2e/%2e%2e/secret'],
    ['a .. escape to the origin root', '/bg/../../v2/x.png'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a backslash', '/bg\\..\\x.png'],
    ['a leading backslash pair', '\\\\evil.example\\x'],
    ['a newline', '/bg/x\n.png'],
    ['a NUL', '/bg/x\u0000.png'],
    ['a tab', '/bg/\tx.png'],
  ])('refuses %s', (_name, path) => {
    expect(() => resolveServerPath(base, path)).toThrow(ServerUrlError)
    expect(tryResolveServerPath(base, path)).toBeNull()
  })

  it('tryResolveServerPath returns the URL when allowed', () => {
    expect(tryResolveServerPath(base, '/bg/x.png')).toBe('http://127.0.0.1:5500/v1/bg/x.png')
  })
})
