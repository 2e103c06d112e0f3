import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries enforced by lint', () => {
  it('keeps Node and the main process out of shared/', async () => {
    expect(await violations('shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', "import { Settings } from '../../electron/core/config/settings';\nexport const x = Settings;\n")).toHaveLength(1);
  });

  it('keeps Node, Electron and the station core out of the renderer', async () => {
    expect(await violations('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    expect(await violations('renderer/src/x.ts', "import { openDatabase } from '../../electron/core/db/database';\nexport const x = openDatabase;\n")).toHaveLength(1);
  });

  it('keeps Electron out of the station core, so it runs in plain Node', async () => {
    expect(await violations('electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await violations('electron/core/x.ts', "import { z } from 'zod';\nexport const x = z;\n")).toHaveLength(0);
  });
});
