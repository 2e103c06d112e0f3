import { describe, expect, it } from 'vitest';
import { violations } from './lint-imports';

describe('architecture boundaries enforced by lint', () => {
  it('keeps Node and the main process out of shared/', async () => {
    expect(
      await violations(
        'shared/domain/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await violations(
        'shared/domain/x.ts',
        "import { Settings } from '../../electron/core/config/settings';\nexport const x = Settings;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps Node, Electron and the station core out of the renderer', async () => {
    expect(
      await violations('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"),
    ).toHaveLength(1);
    expect(
      await violations(
        'renderer/src/x.ts',
        "import { openDatabase } from '../../electron/core/db/database';\nexport const x = openDatabase;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps Electron out of the station core, so it runs in plain Node', async () => {
    expect(
      await violations('electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    ).toHaveLength(1);
    expect(await violations('electron/core/x.ts', "import { z } from 'zod';\nexport const x = z;\n")).toHaveLength(0);
  });
});

describe('the sandbox marketplace shares no code with the station', () => {
  it('lets the sandbox import only its own folder and npm packages', async () => {
    const file = 'electron/core/sandbox/x.ts';
    expect(
      await violations(file, "import { TikTokCode } from '../marketplace/errors';\nexport const x = TikTokCode;\n"),
    ).toHaveLength(1);
    expect(
      await violations(file, "import { Settings } from '../config/settings';\nexport const x = Settings;\n"),
    ).toHaveLength(1);
    expect(
      await violations(
        file,
        "import { gs1CheckDigit } from '../../../shared/domain/scan/gtin';\nexport const x = gs1CheckDigit;\n",
      ),
    ).toHaveLength(1);
    expect(await violations(file, "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(
      await violations(
        file,
        "import { Market } from './market';\nimport { PNG } from 'pngjs';\nexport const x = [Market, PNG];\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps the marketplace client off the sandbox', async () => {
    expect(
      await violations(
        'electron/core/marketplace/x.ts',
        "import { startSandbox } from '../sandbox/server';\nexport const x = startSandbox;\n",
      ),
    ).toHaveLength(1);
    expect(
      await violations('electron/core/marketplace/x.ts', "import { z } from 'zod';\nexport const x = z;\n"),
    ).toHaveLength(0);
  });
});
