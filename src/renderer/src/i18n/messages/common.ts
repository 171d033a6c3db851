/** Words used across the app: buttons and states that many components share. */
export const common = {
  en: {
    close: 'Close',
    cancel: 'Cancel',
    save: 'Save',
    retry: 'Retry',
  },
  ja: {
    close: '閉じる',
    cancel: 'キャンセル',
    save: '保存',
    retry: '再試行',
  },
  ko: {
    close: '닫기',
    cancel: '취소',
    save: '저장',
    retry: '다시 시도',
  },
}
