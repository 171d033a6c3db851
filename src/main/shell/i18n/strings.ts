/**
 * The shell's own words (menu, tray, notifications, dialogs) in each language Mira speaks.
 * English is the source: `ja` and `ko` are typed by it, so a missing or extra entry is a type
 * error. Electron gives its `role` items fixed English labels (macOS translates only a few), so
 * `roles` labels them too; they keep their built-in behaviour and shortcuts. "Mira" is a brand and
 * stays as it is, so entries that name the app take it as a parameter.
 */
import type { Locale } from '../../../shared/locale'

const en = {
  menu: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    newConversation: 'New Conversation',
    settings: 'Settings…',
    openDataFolder: 'Open Data Folder',
    about: (app: string) => `About ${app}`,
  },
  roles: {
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAndMatchStyle: 'Paste and Match Style',
    delete: 'Delete',
    selectAll: 'Select All',
    reload: 'Reload',
    forceReload: 'Force Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    hide: (app: string) => `Hide ${app}`,
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: (app: string) => `Quit ${app}`,
  },
  tray: {
    show: (app: string) => `Show ${app}`,
    hide: (app: string) => `Hide ${app}`,
    newConversation: 'New Conversation',
    quit: (app: string) => `Quit ${app}`,
  },
  notification: {
    /** The body when an answer has no line worth showing (only code, say). */
    finished: (app: string) => `${app} finished answering.`,
  },
  dialog: {
    couldNotStart: (app: string) => `${app} could not start`,
  },
}

export type ShellStrings = typeof en

const ja: ShellStrings = {
  menu: {
    file: 'ファイル',
    edit: '編集',
    view: '表示',
    window: 'ウィンドウ',
    help: 'ヘルプ',
    newConversation: '新しい会話',
    settings: '設定…',
    openDataFolder: 'データフォルダを開く',
    about: (app) => `${app}について`,
  },
  roles: {
    undo: '元に戻す',
    redo: 'やり直す',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    pasteAndMatchStyle: 'ペーストしてスタイルを合わせる',
    delete: '削除',
    selectAll: 'すべてを選択',
    reload: '再読み込み',
    forceReload: '強制再読み込み',
    toggleDevTools: '開発者ツールの切り替え',
    resetZoom: '実際のサイズ',
    zoomIn: '拡大',
    zoomOut: '縮小',
    togglefullscreen: 'フルスクリーンの切り替え',
    minimize: '最小化',
    zoom: '拡大/縮小',
    close: 'ウィンドウを閉じる',
    hide: (app) => `${app}を隠す`,
    hideOthers: 'ほかを隠す',
    unhide: 'すべてを表示',
    quit: (app) => `${app}を終了`,
  },
  tray: {
    show: (app) => `${app}を表示`,
    hide: (app) => `${app}を隠す`,
    newConversation: '新しい会話',
    quit: (app) => `${app}を終了`,
  },
  notification: {
    finished: (app) => `${app}の回答が届きました。`,
  },
  dialog: {
    couldNotStart: (app) => `${app}を起動できませんでした`,
  },
}

const ko: ShellStrings = {
  menu: {
    file: '파일',
    edit: '편집',
    view: '보기',
    window: '창',
    help: '도움말',
    newConversation: '새 대화',
    settings: '설정…',
    openDataFolder: '데이터 폴더 열기',
    about: (app) => `${app} 정보`,
  },
  roles: {
    undo: '실행 취소',
    redo: '다시 실행',
    cut: '잘라내기',
    copy: '복사',
    paste: '붙여넣기',
    pasteAndMatchStyle: '붙여넣기 및 스타일 일치',
    delete: '삭제',
    selectAll: '모두 선택',
    reload: '새로 고침',
    forceReload: '강제 새로 고침',
    toggleDevTools: '개발자 도구 전환',
    resetZoom: '실제 크기',
    zoomIn: '확대',
    zoomOut: '축소',
    togglefullscreen: '전체 화면 전환',
    minimize: '최소화',
    zoom: '확대/축소',
    close: '창 닫기',
    hide: (app) => `${app} 숨기기`,
    hideOthers: '기타 숨기기',
    unhide: '모두 보기',
    quit: (app) => `${app} 종료`,
  },
  tray: {
    show: (app) => `${app} 보기`,
    hide: (app) => `${app} 숨기기`,
    newConversation: '새 대화',
    quit: (app) => `${app} 종료`,
  },
  notification: {
    finished: (app) => `${app}의 답변이 도착했습니다.`,
  },
  dialog: {
    couldNotStart: (app) => `${app}를 시작할 수 없습니다`,
  },
}

const catalogs: Record<Locale, ShellStrings> = { en, ja, ko }

export function shellStrings(locale: Locale): ShellStrings {
  return catalogs[locale]
}
