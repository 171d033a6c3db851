/**
 * Settings → Listening lists the recognisers with their state and a Test button, and, for whisper.cpp
 * here, the models to download: progress while downloading, Cancel (stopped, resumable), a file that
 * fails whisper.cpp's published checksum (failed, and why), and Use on a model already in the data
 * folder. The downloads come from a loopback server of the test (nothing downloads from model hubs).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FileServer } from '../test/support/file-server'
import { expect, test } from './fixtures'
import { openSettings } from './support/settings'

let files: FileServer
test.beforeEach(async () => {
  files = await FileServer.start({ 'ggml-tiny.en.bin': Buffer.from('not the real model'), 'ggml-base.en.bin': Buffer.alloc(4_000_000, 7) })
  process.env.MIRA_WHISPER_MODEL_URL = files.baseUrl
})
test.afterEach(async () => {
  delete process.env.MIRA_WHISPER_MODEL_URL
  await files.close()
})

test('the engines with their state, Test, and whisper.cpp models with download progress', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  // A model already in the data folder (as after a download): ready to use.
  await mkdir(join(dataDir, 'models'), { recursive: true })
  await writeFile(join(dataDir, 'models', 'ggml-tiny.bin'), Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.alloc(32)]))
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Listening')
  const section = dialog.getByRole('region', { name: 'Listening' })

  const engines = section.getByTestId('stt-engines')
  const server = engines.locator('[data-engine="server"]')
  await expect(server).toContainText('This server does not recognise speech.')
  await expect(engines.locator('[data-engine="openai"]')).toContainText('No address set.')
  await expect(engines.locator('[data-engine="whisper-cpp"]')).toContainText('no program chosen · no model chosen')
  await server.getByRole('button', { name: 'Test' }).click()
  await expect(server).toContainText('The server in use does not recognise speech')
  await engines.screenshot({ path: testInfo.outputPath('stt-engines.png') })

  await section.getByRole('radio', { name: /whisper\.cpp on this computer/ }).check()
  const models = section.getByTestId('whisper-models')
  await expect(models.locator('[data-model]')).toHaveCount(6)
  await expect(models.locator('[data-model="base.en"]')).toContainText('142 MiB · English only')
  await expect(models.locator('[data-model="base.en"]')).toContainText('Not downloaded')

  // A download that stalls part-way shows its progress, and Cancel keeps what came.
  files.next = { stallAfter: 1_000_000 }
  const base = models.locator('[data-model="base.en"]')
  await base.getByRole('button', { name: 'Download' }).click()
  await expect(base).toContainText('Downloading… 25 %')
  await expect(base.getByRole('progressbar')).toBeVisible()
  await models.screenshot({ path: testInfo.outputPath('whisper-model-downloading.png') })
  await base.getByRole('button', { name: 'Cancel' }).click()
  await expect(base).toContainText(/Stopped at \d\.\d MiB/)
  await expect(base.getByRole('button', { name: 'Resume' })).toBeVisible()

  // The published checksum does not match this file: failed, said why, nothing kept.
  const tinyEn = models.locator('[data-model="tiny.en"]')
  await tinyEn.getByRole('button', { name: 'Download' }).click()
  await expect(tinyEn).toContainText('Failed: the file did not match its checksum and was removed.')

  // Use a ready model: the model field takes its path, and the engine line says so.
  const tiny = models.locator('[data-model="tiny"]')
  await expect(tiny).toContainText('Ready')
  await tiny.getByRole('button', { name: 'Use' }).click()
  await expect(tiny).toContainText('Ready · in use')
  await expect(section.getByRole('textbox', { name: 'Model file' })).toHaveValue(join(dataDir, 'models', 'ggml-tiny.bin'))
  await expect(engines.locator('[data-engine="whisper-cpp"]')).toContainText('no program chosen · model ready')
  await models.screenshot({ path: testInfo.outputPath('whisper-models.png') })
})
