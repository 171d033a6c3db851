/** Strings of the user's own characters: the stage's notes, the Character menu's list, the Live2D runtime setting. */
const en = {
  kind: { builtin: 'Built-in avatar', live2d: 'Live2D model', vrm: 'VRM model' },
  problem: {
    missingCore:
      'This Live2D model needs Live2D Cubism Core, which Mira cannot ship. Download “Cubism SDK for Web” from Live2D’s website and choose its live2dcubismcore.min.js under Settings → Live2D runtime. Meanwhile the built-in avatar stands in.',
    badCore: 'The Live2D runtime you chose did not start ({detail}). Choose live2dcubismcore.min.js from Live2D’s Cubism SDK for Web again under Settings → Live2D runtime.',
    notFound: 'The {kind} could not be loaded ({detail}). Check that the server still has it, or add the file again.',
    badJson: 'The {kind}’s settings file is not valid JSON ({detail}). Re-export the model, or fix the file.',
    missingTexture: 'The {kind} is missing a texture ({detail}). Copy the whole model folder, textures included, and try again.',
    unknownFormat: 'This is not a model Mira can show ({detail}). Use a .vrm file (VRM 0.x or 1.0), or a Live2D .model3.json / .model.json.',
    badFile: 'The {kind} could not be read ({detail}). The file may be damaged: export it again.',
    noWebgl: 'This computer could not start WebGL, which the {kind} needs ({detail}). The built-in avatar stands in.',
  },
  dismiss: 'Dismiss',
  dropHere: 'Drop to make it your character: a .vrm model, or a Live2D model’s .zip or folder',
  loadFailed: 'Your characters could not be listed: {error}',
  addFailed: 'The character could not be added: {error}',
  chooseFailed: 'The character could not be chosen: {error}',
  removeFailed: 'The character could not be removed: {error}',
  tooLarge: 'The model is larger than {max} MB.',
  file: {
    notVrm: '“{name}” is not a VRM model. Drop a .vrm file (VRM 0.x or 1.0), as VRoid Studio exports it.',
    truncated: '“{name}” is cut short or damaged. Download or export it again.',
    noVrmData: '“{name}” is a glTF model without VRM data. Export it as VRM (for example with VRoid Studio or UniVRM).',
  },
  menu: { yours: 'Your characters', server: 'The server’s characters', add: 'Add a model (.vrm, Live2D .zip)…', addFolder: 'Add a Live2D model’s folder…', remove: 'Remove {name}', builtin: 'Built-in avatar (Mira)' },
  runtime: {
    title: 'Live2D runtime',
    help: 'Live2D models need Live2D Cubism Core, which is Live2D Inc.’s proprietary software and is not part of Mira. Download “Cubism SDK for Web” from Live2D’s website, then choose its Core/live2dcubismcore.min.js here (for Cubism 2 models: live2d.min.js). It is kept in Mira’s data folder.',
    pick: 'Choose a runtime file…',
    cubism4: 'Cubism Core (Cubism 3–5 models): set',
    cubism2: 'Cubism 2 runtime: set',
    none: 'No Live2D runtime yet: Live2D models show the built-in avatar.',
    notRuntime: 'This is not Live2D Cubism Core (live2dcubismcore.min.js) nor the Cubism 2 runtime (live2d.min.js).',
    saved: 'Saved. Live2D models can now be shown.',
  },
}

const ja: typeof en = {
  kind: { builtin: '内蔵アバター', live2d: 'Live2D モデル', vrm: 'VRM モデル' },
  problem: {
    missingCore:
      'この Live2D モデルには Live2D Cubism Core が必要ですが、Mira には同梱できません。Live2D の Web サイトから「Cubism SDK for Web」をダウンロードし、設定 → Live2D ランタイムで live2dcubismcore.min.js を選んでください。それまでは内蔵アバターが代わりに表示されます。',
    badCore: '選んだ Live2D ランタイムが起動しませんでした（{detail}）。設定 → Live2D ランタイムで Cubism SDK for Web の live2dcubismcore.min.js を選び直してください。',
    notFound: '{kind}を読み込めませんでした（{detail}）。サーバーにまだあるか確認するか、ファイルを追加し直してください。',
    badJson: '{kind}の設定ファイルが正しい JSON ではありません（{detail}）。モデルを書き出し直すか、ファイルを修正してください。',
    missingTexture: '{kind}のテクスチャが見つかりません（{detail}）。テクスチャを含むモデルのフォルダーをまるごとコピーして、もう一度お試しください。',
    unknownFormat: 'Mira が表示できるモデルではありません（{detail}）。.vrm ファイル（VRM 0.x / 1.0）か、Live2D の .model3.json / .model.json を使ってください。',
    badFile: '{kind}を読み取れませんでした（{detail}）。ファイルが壊れているかもしれません。書き出し直してください。',
    noWebgl: '{kind}に必要な WebGL をこのコンピューターで開始できませんでした（{detail}）。内蔵アバターが代わりに表示されます。',
  },
  dismiss: '閉じる',
  dropHere: 'ドロップするとあなたのキャラクターになります（.vrm モデル、Live2D モデルの .zip またはフォルダー）',
  loadFailed: 'あなたのキャラクターを一覧できませんでした：{error}',
  addFailed: 'キャラクターを追加できませんでした：{error}',
  chooseFailed: 'キャラクターを選べませんでした：{error}',
  removeFailed: 'キャラクターを削除できませんでした：{error}',
  tooLarge: 'モデルが {max} MB を超えています。',
  file: {
    notVrm: '「{name}」は VRM モデルではありません。VRoid Studio などが書き出す .vrm ファイル（VRM 0.x / 1.0）をドロップしてください。',
    truncated: '「{name}」は途中で切れているか壊れています。もう一度ダウンロードするか書き出してください。',
    noVrmData: '「{name}」は VRM データのない glTF モデルです。VRM として書き出してください（VRoid Studio や UniVRM など）。',
  },
  menu: { yours: 'あなたのキャラクター', server: 'サーバーのキャラクター', add: 'モデルを追加（.vrm、Live2D の .zip）…', addFolder: 'Live2D モデルのフォルダーを追加…', remove: '{name} を削除', builtin: '内蔵アバター（Mira）' },
  runtime: {
    title: 'Live2D ランタイム',
    help: 'Live2D モデルには Live2D Cubism Core が必要です。これは Live2D 社の独自ソフトウェアで、Mira には含まれていません。Live2D の Web サイトから「Cubism SDK for Web」をダウンロードし、Core/live2dcubismcore.min.js をここで選んでください（Cubism 2 のモデルには live2d.min.js）。Mira のデータフォルダーに保存されます。',
    pick: 'ランタイムファイルを選ぶ…',
    cubism4: 'Cubism Core（Cubism 3〜5 のモデル）：設定済み',
    cubism2: 'Cubism 2 ランタイム：設定済み',
    none: 'Live2D ランタイムはまだありません。Live2D モデルの代わりに内蔵アバターが表示されます。',
    notRuntime: 'これは Live2D Cubism Core（live2dcubismcore.min.js）でも Cubism 2 ランタイム（live2d.min.js）でもありません。',
    saved: '保存しました。Live2D モデルを表示できます。',
  },
}

const ko: typeof en = {
  kind: { builtin: '내장 아바타', live2d: 'Live2D 모델', vrm: 'VRM 모델' },
  problem: {
    missingCore:
      '이 Live2D 모델에는 Live2D Cubism Core가 필요하지만 Mira에 함께 넣을 수 없습니다. Live2D 웹사이트에서 “Cubism SDK for Web”을 내려받아 설정 → Live2D 런타임에서 live2dcubismcore.min.js를 선택하세요. 그동안은 내장 아바타가 대신 나옵니다.',
    badCore: '선택한 Live2D 런타임이 시작되지 않았습니다({detail}). 설정 → Live2D 런타임에서 Cubism SDK for Web의 live2dcubismcore.min.js를 다시 선택하세요.',
    notFound: '{kind}을(를) 불러오지 못했습니다({detail}). 서버에 아직 있는지 확인하거나 파일을 다시 추가하세요.',
    badJson: '{kind}의 설정 파일이 올바른 JSON이 아닙니다({detail}). 모델을 다시 내보내거나 파일을 고치세요.',
    missingTexture: '{kind}에 텍스처가 없습니다({detail}). 텍스처를 포함한 모델 폴더 전체를 복사한 뒤 다시 시도하세요.',
    unknownFormat: 'Mira가 표시할 수 있는 모델이 아닙니다({detail}). .vrm 파일(VRM 0.x, 1.0)이나 Live2D .model3.json / .model.json을 쓰세요.',
    badFile: '{kind}을(를) 읽지 못했습니다({detail}). 파일이 손상되었을 수 있으니 다시 내보내세요.',
    noWebgl: '이 컴퓨터에서 {kind}에 필요한 WebGL을 시작하지 못했습니다({detail}). 내장 아바타가 대신 나옵니다.',
  },
  dismiss: '닫기',
  dropHere: '놓으면 내 캐릭터가 됩니다 (.vrm 모델, Live2D 모델의 .zip 또는 폴더)',
  loadFailed: '내 캐릭터 목록을 가져오지 못했습니다: {error}',
  addFailed: '캐릭터를 추가하지 못했습니다: {error}',
  chooseFailed: '캐릭터를 선택하지 못했습니다: {error}',
  removeFailed: '캐릭터를 삭제하지 못했습니다: {error}',
  tooLarge: '모델이 {max}MB보다 큽니다.',
  file: {
    notVrm: '“{name}”은(는) VRM 모델이 아닙니다. VRoid Studio 등이 내보낸 .vrm 파일(VRM 0.x, 1.0)을 끌어다 놓으세요.',
    truncated: '“{name}”이(가) 중간에 잘렸거나 손상되었습니다. 다시 내려받거나 내보내세요.',
    noVrmData: '“{name}”은(는) VRM 데이터가 없는 glTF 모델입니다. VRM으로 내보내세요(VRoid Studio, UniVRM 등).',
  },
  menu: { yours: '내 캐릭터', server: '서버의 캐릭터', add: '모델 추가 (.vrm, Live2D .zip)…', addFolder: 'Live2D 모델 폴더 추가…', remove: '{name} 삭제', builtin: '내장 아바타 (Mira)' },
  runtime: {
    title: 'Live2D 런타임',
    help: 'Live2D 모델에는 Live2D Cubism Core가 필요합니다. 이는 Live2D사의 독점 소프트웨어로 Mira에 포함되어 있지 않습니다. Live2D 웹사이트에서 “Cubism SDK for Web”을 내려받아 Core/live2dcubismcore.min.js를 여기서 선택하세요(Cubism 2 모델은 live2d.min.js). Mira 데이터 폴더에 보관됩니다.',
    pick: '런타임 파일 선택…',
    cubism4: 'Cubism Core (Cubism 3–5 모델): 설정됨',
    cubism2: 'Cubism 2 런타임: 설정됨',
    none: '아직 Live2D 런타임이 없습니다. Live2D 모델 대신 내장 아바타가 나옵니다.',
    notRuntime: 'Live2D Cubism Core(live2dcubismcore.min.js)도 Cubism 2 런타임(live2d.min.js)도 아닙니다.',
    saved: '저장했습니다. 이제 Live2D 모델을 표시할 수 있습니다.',
  },
}

export const character = { en, ja, ko }
