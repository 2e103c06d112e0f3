import { afterEach, describe, expect, it } from 'vitest';
import { LABEL_REASON_CODES, LABEL_TODO_CODES } from '../../../shared/contract/label-reason';
import { PIN_REFUSALS } from '../../../shared/contract/pin-refusal';
import { namespaces } from '../../../renderer/src/i18n/catalogue';
import { LOCALES } from '../../../renderer/src/i18n/locales';
import { i18next } from '../../../renderer/src/i18n';
import { pinErrorText, pinWaitText } from '../../../renderer/src/i18n/errors';
import { jobErrorText, printerWaitText } from '../../../renderer/src/features/printing/job-words';
import { PROBLEM_TEXT, printerWaitOf } from '../../../electron/core/printing/drivers/driver';

const pack = namespaces.pack as Record<string, Record<string, string>>;
const errors = namespaces.errors as Record<string, Record<string, string>>;
const facts = { carrier: 'UPS', trackingNumber: '1Z5R89390357567127', option: 'Standard shipping' };

describe('words for the label panel and the lock screen, chosen by code', () => {
  afterEach(() => i18next.changeLanguage('en'));

  it('every label reason and todo the station can send has a text in every language, with its facts filled in', async () => {
    for (const locale of LOCALES) {
      await i18next.changeLanguage(locale);
      for (const code of LABEL_REASON_CODES) {
        expect(pack[locale]![`labelReason.${code}`], `${locale} labelReason.${code}`).toMatch(/\S/);
        const text = i18next.t(`pack:labelReason.${code}`, facts);
        expect(text, `${locale} ${code}`).not.toMatch(/\{\{|\}\}|undefined|labelReason/);
      }
      for (const code of LABEL_TODO_CODES) {
        expect(pack[locale]![`labelTodo.${code}`], `${locale} labelTodo.${code}`).toMatch(/\S/);
        expect(i18next.t(`pack:labelTodo.${code}`, facts)).not.toMatch(/\{\{|\}\}|undefined|labelTodo/);
      }
    }
    await i18next.changeLanguage('zh-CN');
    expect(i18next.t('pack:labelReason.no_range', facts)).toContain('UPS');
    expect(i18next.t('pack:labelTodo.scan_tracking', facts)).toBe('扫描 UPS 面单上的运单号。');
  });

  it('every PIN refusal the station can send, and a station out of reach, has a text in every language', () => {
    for (const locale of LOCALES) {
      for (const reason of PIN_REFUSALS.filter((r) => r !== 'pin_throttled'))
        expect(errors[locale]![`pin.${reason}`], `${locale} ${reason}`).toMatch(/\S/);
      expect(errors[locale]!['pin.pin_throttled_seconds']).toMatch(/\{\{count\}\}/);
      expect(errors[locale]!['pin.pin_throttled_minutes_other']).toMatch(/\{\{count\}\}/);
      expect(errors[locale]!['station.unreachable']).toMatch(/\S/);
    }
  });

  it('the lock screen reads a refused PIN by its reason, the wait in seconds or minutes, and never the station’s English in Chinese', async () => {
    const refused = (reason: string, extra: Record<string, unknown> = {}) =>
      Object.assign(new Error('That PIN does not match any user.'), {
        code: 'forbidden',
        details: { reason, ...extra },
      });
    expect(pinErrorText(refused('pin_wrong'))).toBe(errors.en!['pin.pin_wrong']);
    expect(pinErrorText(refused('pin_throttled', { retryAfterMs: 30_000 }))).toBe(
      'Too many wrong PINs: try again in 30 s.',
    );
    expect(pinErrorText(refused('pin_throttled', { retryAfterMs: 61_000 }))).toBe(
      'Too many wrong PINs: try again in 2 minutes.',
    );
    expect(pinWaitText(60)).toBe('Too many wrong PINs: try again in 1 minute.');
    const unreachable = Object.assign(new Error('The station does not answer: fetch failed (ECONNREFUSED)'), {
      code: 'unavailable',
    });
    expect(pinErrorText(unreachable)).toBe(errors.en!['station.unreachable']);
    expect(pinErrorText(new TypeError('Failed to fetch'))).toBe(errors.en!['station.unreachable']);

    await i18next.changeLanguage('zh-CN');
    expect(pinErrorText(refused('pin_wrong'))).toBe(errors['zh-CN']!['pin.pin_wrong']);
    expect(pinErrorText(refused('pin_not_supervisor'))).toBe(errors['zh-CN']!['pin.pin_not_supervisor']);
    expect(pinErrorText(refused('pin_throttled', { retryAfterMs: 600_000 }))).toBe(
      'PIN 错误次数过多：请在 10 分钟后重试。',
    );
    expect(pinErrorText(unreachable)).toBe(errors['zh-CN']!['station.unreachable']);
  });

  it('a print job waiting at its printer is read by code, and a failed job shows no English on a Chinese screen', async () => {
    expect(printerWaitOf(null)).toBeNull();
    expect(printerWaitOf(PROBLEM_TEXT.paper_out)).toBe('printer_paper_out');
    expect(printerWaitOf(PROBLEM_TEXT.cover_open)).toBe('printer_cover_open');
    expect(printerWaitOf(PROBLEM_TEXT.paused)).toBe('printer_paused');
    expect(printerWaitOf('connect ECONNREFUSED 127.0.0.1:9100')).toBe('printer_offline');
    const failed = 'Order 1 has no carrier yet: choose one at the pack station.';
    expect(jobErrorText(failed)).toBe(failed);
    await i18next.changeLanguage('zh-CN');
    expect(printerWaitText('printer_paper_out')).toBe(pack['zh-CN']!['labelReason.printer_paper_out']);
    expect(jobErrorText(failed)).toBe(pack['zh-CN']!['labelReason.print_failed']);
  });
});
