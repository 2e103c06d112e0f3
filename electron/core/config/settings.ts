import { hostname } from 'node:os';
import { z } from 'zod';
import type { SettingEntry } from '../../../shared/contract';
import { isTimeZone } from '../../../shared/domain/deadlines/time-zone';
import type { Db } from '../db/database';
import { InvalidRequest, NotFound } from '../errors/domain-errors';
import { DEFAULT_AT_RISK_HOURS } from '../../../shared/domain/deadlines/buckets';

type Value = string | number | boolean | null;

export interface SettingDef {
  key: string;
  /** Environment variable that overrides the saved value (and is listed in the README). */
  env?: string;
  default: Value | (() => Value);
  schema: z.ZodType<Value>;
  secret?: boolean;
}

const port = z.coerce.number().int().min(0).max(65535);
/** On/off settings arrive as booleans from Settings and as "1"/"true" from environment variables. */
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/** Every setting the station knows. Features add theirs here so Settings shows one complete list. */
const settingDefs: readonly SettingDef[] = [
  {
    key: 'station.id',
    env: 'PACKBENCH_STATION_ID',
    default: () => hostname().slice(0, 40) || 'station-1',
    schema: z.string().min(1).max(40),
  },
  { key: 'station.port', env: 'PACKBENCH_PORT', default: 4780, schema: port },
  /** The desktop app serves the UI to a browser on 127.0.0.1 only while this is on (the browser fallback always does). */
  { key: 'station.browserView', env: 'PACKBENCH_BROWSER_VIEW', default: false, schema: flag },
  { key: 'station.locale', env: 'PACKBENCH_LOCALE', default: 'en', schema: z.enum(['en', 'zh-CN']) },
  {
    key: 'station.timeZone',
    env: 'PACKBENCH_TIME_ZONE',
    default: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    schema: z.string().refine(isTimeZone, 'not a time zone (e.g. Asia/Shanghai)'),
  },
  {
    key: 'station.lockAfterMinutes',
    env: 'PACKBENCH_LOCK_AFTER_MINUTES',
    default: 5,
    schema: z.coerce.number().int().min(0).max(480),
  },
  {
    key: 'dashboard.atRiskHours',
    env: 'PACKBENCH_AT_RISK_HOURS',
    default: DEFAULT_AT_RISK_HOURS,
    schema: z.coerce.number().min(0.25).max(72),
  },
  { key: 'lan.enabled', env: 'PACKBENCH_LAN', default: false, schema: flag },
  { key: 'lan.host', env: 'PACKBENCH_LAN_HOST', default: '0.0.0.0', schema: z.string().min(1).max(100) },
  { key: 'lan.port', env: 'PACKBENCH_LAN_PORT', default: 4781, schema: port },
  /** The LAN view shows order details (buyer names, addresses) and photos only while a supervisor has this on. */
  { key: 'lan.details', default: false, schema: flag },
  {
    key: 'lan.token',
    env: 'PACKBENCH_LAN_TOKEN',
    default: '',
    schema: z.string().regex(/^([A-Za-z0-9_-]{16,128})?$/, '16 to 128 letters, digits, - or _'),
    secret: true,
  },
  { key: 'pack.scanSuffix', env: 'PACKBENCH_SCAN_SUFFIX', default: 'Enter', schema: z.enum(['Enter', 'Tab']) },
  {
    key: 'pack.scanMinLength',
    env: 'PACKBENCH_SCAN_MIN_LENGTH',
    default: 4,
    schema: z.coerce.number().int().min(1).max(64),
  },
  {
    key: 'pack.scanMaxGapMs',
    env: 'PACKBENCH_SCAN_MAX_GAP_MS',
    default: 50,
    schema: z.coerce.number().int().min(5).max(500),
  },
  {
    key: 'pack.bulkMinQuantity',
    env: 'PACKBENCH_BULK_MIN_QUANTITY',
    default: 5,
    schema: z.coerce.number().int().min(0).max(10000),
  },
  { key: 'pack.serialSkus', env: 'PACKBENCH_SERIAL_SKUS', default: '', schema: z.string().max(2000) },
  { key: 'photos.required', env: 'PACKBENCH_PHOTOS_REQUIRED', default: false, schema: flag },
  { key: 'camera.deviceId', env: 'PACKBENCH_CAMERA', default: '', schema: z.string().max(300) },
  { key: 'marketplace.url', env: 'PACKBENCH_MARKETPLACE_URL', default: '', schema: z.string().max(500) },
  { key: 'marketplace.appKey', env: 'PACKBENCH_APP_KEY', default: '', schema: z.string().max(200) },
  { key: 'marketplace.appSecret', env: 'PACKBENCH_APP_SECRET', default: '', schema: z.string().max(200), secret: true },
  {
    key: 'marketplace.accessToken',
    env: 'PACKBENCH_ACCESS_TOKEN',
    default: '',
    schema: z.string().max(2000),
    secret: true,
  },
  { key: 'marketplace.refreshToken', default: '', schema: z.string().max(2000), secret: true },
  { key: 'marketplace.shopCipher', env: 'PACKBENCH_SHOP_CIPHER', default: '', schema: z.string().max(500) },
  {
    key: 'orders.pullIntervalSeconds',
    env: 'PACKBENCH_PULL_INTERVAL_SECONDS',
    default: 60,
    schema: z.coerce.number().int().min(0).max(86_400),
  },
  { key: 'sandbox.port', env: 'PACKBENCH_SANDBOX_PORT', default: 0, schema: port },
  {
    key: 'sandbox.seed',
    env: 'PACKBENCH_SANDBOX_SEED',
    default: 1,
    schema: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
  },
  {
    key: 'sandbox.orders',
    env: 'PACKBENCH_SANDBOX_ORDERS',
    default: 120,
    schema: z.coerce.number().int().min(0).max(100_000),
  },
  {
    key: 'seller.name',
    env: 'PACKBENCH_SELLER_NAME',
    default: 'Packbench Demo Store',
    schema: z.string().trim().min(1).max(100),
  },
  { key: 'seller.street', default: '100 Warehouse Way', schema: z.string().trim().min(1).max(200) },
  { key: 'seller.street2', default: 'Dock 3', schema: z.string().max(200) },
  { key: 'seller.city', default: 'Reno', schema: z.string().max(100) },
  { key: 'seller.region', default: 'NV', schema: z.string().max(100) },
  { key: 'seller.postalCode', default: '89502', schema: z.string().trim().min(1).max(20) },
  { key: 'seller.country', default: 'US', schema: z.string().regex(/^[A-Z]{2}$/, 'ISO country code, e.g. US') },
  { key: 'seller.phone', default: '+1 775 555 0100', schema: z.string().max(40) },
  { key: 'printing.autoPrint', env: 'PACKBENCH_AUTO_PRINT', default: true, schema: flag },
  {
    key: 'printing.labelPrinter',
    env: 'PACKBENCH_PRINTER',
    default: 'virtual',
    schema: z
      .string()
      .regex(
        /^(virtual(\?\S*)?|(tcp|usb|file|lp|cups):\/\/\S+)$/,
        'virtual, tcp://host:9100, usb:///dev/usb/lp0 or lp://queue',
      ),
  },
  {
    key: 'printing.labelLanguage',
    env: 'PACKBENCH_PRINTER_LANGUAGE',
    default: 'zpl',
    schema: z.enum(['zpl', 'tspl', 'escpos', 'pdf']),
  },
  { key: 'printing.escposFlavour', default: 'epson', schema: z.enum(['epson', 'star']) },
  { key: 'printing.dpi', default: 203, schema: z.coerce.number().pipe(z.union([z.literal(203), z.literal(300)])) },
  { key: 'printing.labelSize', default: '4x6', schema: z.enum(['4x6', '100x150']) },
  {
    key: 'printing.documentPrinter',
    env: 'PACKBENCH_DOCUMENT_PRINTER',
    default: '',
    schema: z
      .string()
      .regex(/^((tcp|usb|file|lp|cups):\/\/\S+)?$/, 'empty, tcp://host:9100, usb:///dev/usb/lp0 or lp://queue'),
  },
  { key: 'printing.virtualPrinterPort', env: 'PACKBENCH_VIRTUAL_PRINTER_PORT', default: 0, schema: port },
  {
    key: 'printing.virtualPrinterMsPerJob',
    env: 'PACKBENCH_VIRTUAL_PRINTER_MS_PER_JOB',
    default: 0,
    schema: z.coerce.number().int().min(0).max(10_000),
  },
  /** Labels on the virtual printer's roll (0: endless), so a demo or a test sees a roll run out mid-batch. */
  {
    key: 'printing.virtualPrinterRoll',
    env: 'PACKBENCH_VIRTUAL_PRINTER_ROLL',
    default: 0,
    schema: z.coerce.number().int().min(0).max(100_000),
  },
  /** The weight a seller label carries when the parcel was not weighed (0: none, and customs forms need a weighing). */
  { key: 'printing.defaultWeightGrams', default: 500, schema: z.coerce.number().int().min(0).max(70_000) },
  /** A packing slip after each label: never, with every label, or with gift orders only (which show no price). */
  { key: 'printing.packingSlip', default: 'off', schema: z.enum(['off', 'every', 'gift']) },
  /** The built-in virtual scale (tests, demos): auto runs it with the sandbox marketplace only. */
  { key: 'scale.virtual', default: 'auto', schema: z.enum(['auto', 'on', 'off']) },
  /** The unit of a weight typed without one ("850"). */
  { key: 'scale.unit', default: 'g', schema: z.enum(['g', 'kg', 'oz', 'lb']) },
  {
    key: 'fulfillment.handoverMethod',
    env: 'PACKBENCH_HANDOVER_METHOD',
    default: 'DROP_OFF',
    schema: z.enum(['DROP_OFF', 'PICKUP']),
  },
  {
    key: 'fulfillment.prefetchLabels',
    env: 'PACKBENCH_PREFETCH_LABELS',
    default: 0,
    schema: z.coerce.number().int().min(0).max(200),
  },
  {
    key: 'customs.category',
    default: 'sale_of_goods',
    schema: z.enum(['sale_of_goods', 'gift', 'commercial_sample', 'documents', 'returned_goods', 'other']),
  },
  { key: 'customs.hsCode', default: '', schema: z.string().regex(/^(\d{6,10})?$/, '6 to 10 digits') },
  { key: 'customs.originCountry', default: 'CN', schema: z.string().regex(/^[A-Z]{2}$/, 'ISO country code, e.g. CN') },
  { key: 'customs.cn22Limit', default: 400, schema: z.coerce.number().positive().max(1_000_000) },
  {
    key: 'customs.cn22Currency',
    default: 'USD',
    schema: z.string().regex(/^[A-Z]{3}$/, 'ISO currency code, e.g. USD'),
  },
  { key: 'customs.importerReference', default: '', schema: z.string().max(100) },
];

const SECRET_MASK = '••••••••';

/** Effective configuration: environment variable, else saved value, else default. */
/**
 * Seals secret settings at rest. The desktop shell backs it with the OS keychain (Electron safeStorage); plain Node
 * has no keychain, so there secrets are stored as entered (still masked in the UI and never logged).
 */
export interface SecretCipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** A sealed secret is stored as a JSON object; every other value is a JSON primitive, so the two cannot be confused. */
const SealedValue = z.object({ sealed: z.string() });

export class Settings {
  private readonly defs = new Map(settingDefs.map((def) => [def.key, def]));
  private readonly warnedUnsealable = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => number = Date.now,
    private readonly cipher: SecretCipher | null = null,
  ) {}

  get<T extends Value = Value>(key: string): T {
    return this.resolve(this.def(key)).value as T;
  }

  string(key: string): string {
    return String(this.get(key) ?? '');
  }

  number(key: string): number {
    return Number(this.get(key));
  }

  /** What Settings shows: secrets are masked, never sent to the UI. */
  list(): SettingEntry[] {
    return [...this.defs.values()].map((def) => this.entry(def));
  }

  entry(def: SettingDef): SettingEntry {
    const { value, source } = this.resolve(def);
    return {
      key: def.key,
      value: def.secret && value ? SECRET_MASK : value,
      source,
      env: def.env ?? null,
      secret: def.secret ?? false,
      ...(def.schema instanceof z.ZodEnum ? { choices: def.schema.options.map(String) } : {}),
    };
  }

  set(key: string, raw: Value): SettingEntry {
    const def = this.def(key);
    if (def.secret && raw === SECRET_MASK) return this.entry(def);
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) throw new InvalidRequest(`${key}: ${z.prettifyError(parsed.error)}`);
    const stored =
      def.secret && this.cipher && typeof parsed.data === 'string' && parsed.data !== ''
        ? { sealed: this.cipher.seal(parsed.data) }
        : parsed.data;
    this.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(key, JSON.stringify(stored), this.now());
    return this.entry(def);
  }

  private def(key: string): SettingDef {
    const def = this.defs.get(key);
    if (!def) throw new NotFound(`There is no setting named ${key}.`);
    return def;
  }

  private resolve(def: SettingDef): { value: Value; source: SettingEntry['source'] } {
    const fromEnv = def.env ? this.env[def.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      const parsed = def.schema.safeParse(fromEnv);
      if (parsed.success) return { value: parsed.data, source: 'env' };
      throw new Error(`${def.env}=${def.secret ? '(hidden)' : fromEnv} is not valid: ${z.prettifyError(parsed.error)}`);
    }
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(def.key) as
      | { value: string }
      | undefined;
    const fallback = {
      value: typeof def.default === 'function' ? def.default() : def.default,
      source: 'default' as const,
    };
    if (!row) return fallback;
    const saved: unknown = JSON.parse(row.value);
    const sealed = SealedValue.safeParse(saved);
    if (!sealed.success) return { value: saved as Value, source: 'saved' };
    if (this.cipher) {
      try {
        return { value: this.cipher.open(sealed.data.sealed), source: 'saved' };
      } catch {
        // Sealed under another key (an earlier release, a keychain that was reset): as unreadable as without one.
      }
    }
    // Sealed by the desktop app's keychain, read where there is none (the browser fallback): act as if unset, once said.
    if (!this.warnedUnsealable.has(def.key)) {
      this.warnedUnsealable.add(def.key);
      console.warn(
        `${def.key} is sealed with the desktop app's keychain and cannot be read here; enter it again in Settings.`,
      );
    }
    return fallback;
  }
}
