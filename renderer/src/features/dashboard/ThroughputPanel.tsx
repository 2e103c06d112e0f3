import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Period, Throughput } from '../../../../shared/contract/dashboard';
import { useFormat } from '../../i18n/format';
import { CountButton } from './CountButton';
import type { OnDrill } from './drill';

/** Distinct on a dark background and for the common colour-vision deficiencies (Okabe-Ito). */
const PALETTE = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#a4abb8'];

export function ThroughputPanel({ data, period, onDrill }: { data: Throughput; period: Period; onDrill: OnDrill }) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  const packerName = (id: number | null, name: string | null) => name ?? (id === null ? t('packer.unknown') : `#${id}`);
  const packers = data.packers.map((p, i) => ({
    key: String(p.userId ?? 0),
    id: p.userId,
    name: packerName(p.userId, p.name),
    color: PALETTE[i % PALETTE.length]!,
  }));
  const chart = data.slots.map((slot) => ({
    label: format.slot(slot.start, data.slotMs),
    start: slot.start,
    ...slot.byPacker,
  }));
  const stationNames = data.stations.stations.map((s) => s.stationId);
  const stationChart = data.slots.map((slot) => ({
    label: format.slot(slot.start, data.slotMs),
    start: slot.start,
    ...slot.byStation,
  }));
  const periodLabel = t(`period.${period}`);
  const packedRequest = (
    title: string,
    extra: { packerId?: number | null; stationId?: string; slotStart?: number } = {},
  ) => ({
    filter: { kind: 'packed' as const, period, ...extra },
    title: `${t('drill.packed')} · ${periodLabel} · ${title}`,
  });

  return (
    <section className="dashboard-panel dashboard-panel--throughput">
      <h2>{t('throughput.title')}</h2>
      <div className="kpis">
        <div className="kpi">
          <span>{t('throughput.packed')}</span>
          <CountButton
            value={data.packed}
            onDrill={onDrill}
            testId="kpi-packed"
            request={packedRequest(t('throughput.packed'))}
          />
        </div>
        <div className="kpi">
          <span>{t('paidToPacked')}</span>
          <button
            type="button"
            className="count"
            data-testid="kpi-paid-to-packed"
            onClick={() => onDrill(packedRequest(t('paidToPacked')))}
          >
            {data.avgPaidToPackedMs === null ? '—' : format.duration(data.avgPaidToPackedMs)}
          </button>
        </div>
        <div className="kpi">
          <span>{t('scanErrors')}</span>
          <>
            <button
              type="button"
              className="count"
              data-testid="kpi-scan-errors"
              onClick={() =>
                onDrill({
                  filter: { kind: 'scanErrors', period },
                  title: `${t('drill.scanErrors')} · ${periodLabel}`,
                })
              }
            >
              {data.scans.rate === null ? '—' : format.percent(data.scans.rate)}
            </button>
            <small>
              {t('scanErrorsDetail', {
                errors: format.number(data.scans.errors),
                scans: format.number(data.scans.scans),
              })}
            </small>
          </>
        </div>
        <div className="kpi">
          <span>{t('holds')}</span>
          {data.holds.reasons.length === 0 ? (
            <small>{t('noHolds')}</small>
          ) : (
            <ul className="plain">
              {data.holds.reasons.map((r) => {
                const label = t(`holdReason.${r.reason}`, { defaultValue: r.reason });
                return (
                  <li key={r.reason}>
                    {label}{' '}
                    <CountButton
                      value={r.count}
                      onDrill={onDrill}
                      request={{
                        filter: { kind: 'held', period, reason: r.reason },
                        title: `${t('holds')} · ${label} · ${periodLabel}`,
                      }}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>

      <div className="charts">
        <figure>
          <figcaption>
            {t(data.slotMs >= 86_400_000 ? 'throughput.chartDay' : 'throughput.chartHour')} · {t('throughput.byPacker')}
          </figcaption>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3b" />
              <XAxis dataKey="label" stroke="#a4abb8" />
              <YAxis allowDecimals={false} stroke="#a4abb8" tickFormatter={(v: number) => format.number(v)} />
              <Tooltip contentStyle={{ background: '#1b1e26', border: '1px solid #3a4252' }} />
              <Legend />
              {packers.map((p) => (
                <Bar
                  key={p.key}
                  dataKey={p.key}
                  name={p.name}
                  stackId="packers"
                  fill={p.color}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(_bar, index) =>
                    onDrill(
                      packedRequest(`${p.name} · ${chart[index]!.label}`, {
                        packerId: p.id,
                        slotStart: chart[index]!.start,
                      }),
                    )
                  }
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure>
          <figcaption>
            {t(data.slotMs >= 86_400_000 ? 'throughput.chartDay' : 'throughput.chartHour')} ·{' '}
            {t('throughput.byStation')}
          </figcaption>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={stationChart}>
              <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3b" />
              <XAxis dataKey="label" stroke="#a4abb8" />
              <YAxis allowDecimals={false} stroke="#a4abb8" tickFormatter={(v: number) => format.number(v)} />
              <Tooltip contentStyle={{ background: '#1b1e26', border: '1px solid #3a4252' }} />
              <Legend />
              {stationNames.map((station, i) => (
                <Bar
                  key={station}
                  dataKey={station}
                  name={station}
                  stackId="stations"
                  fill={PALETTE[(i + 3) % PALETTE.length]}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(_bar, index) =>
                    onDrill(
                      packedRequest(`${station} · ${stationChart[index]!.label}`, {
                        stationId: station,
                        slotStart: stationChart[index]!.start,
                      }),
                    )
                  }
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>

      <div className="tables">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('col.packer')}</th>
              <th scope="col">{t('col.packed')}</th>
              <th scope="col">{t('col.perHour')}</th>
            </tr>
          </thead>
          <tbody>
            {data.packers.map((p) => {
              const name = packerName(p.userId, p.name);
              return (
                <tr key={String(p.userId)}>
                  <th scope="row" translate="no">
                    {name}
                  </th>
                  <td>
                    <CountButton
                      value={p.packed}
                      onDrill={onDrill}
                      request={packedRequest(name, { packerId: p.userId })}
                    />
                  </td>
                  <td>
                    <CountButton
                      value={p.perHour}
                      digits={1}
                      onDrill={onDrill}
                      request={packedRequest(name, { packerId: p.userId })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('col.station')}</th>
              <th scope="col">{t('col.packed')}</th>
              <th scope="col">{t('col.perHour')}</th>
            </tr>
          </thead>
          <tbody>
            {data.stations.stations.map((s) => (
              <tr key={s.stationId}>
                <th scope="row" translate="no">
                  {s.stationId}
                </th>
                <td>
                  <CountButton
                    value={s.packed}
                    onDrill={onDrill}
                    request={packedRequest(s.stationId, { stationId: s.stationId })}
                  />
                </td>
                <td>
                  <CountButton
                    value={s.perHour}
                    digits={1}
                    onDrill={onDrill}
                    request={packedRequest(s.stationId, { stationId: s.stationId })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
