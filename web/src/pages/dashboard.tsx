import { useMemo } from 'react';
import type { Dashboard } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

const BUCKET_COLOURS: Record<string, string> = {
  current: '#7fb3e0',
  '1-30': '#fdb022',
  '31-60': '#f79009',
  '61-90': '#e04f16',
  '91-120': '#d92d20',
  '120+': '#912018',
};
const BRAND = '#1f4e79';

/** The credit manager's figures: aged balance, trend, promises, actions, top overdue. */
export function DashboardPage() {
  const { t, money, number, date, locale } = useI18n();
  const data = useApi<Dashboard>('/api/dashboard');
  const d = data.data;
  const options = useMemo(() => {
    if (!d) return null;
    const scale =
      10 **
      (new Intl.NumberFormat(locale, { style: 'currency', currency: d.currency }).resolvedOptions()
        .maximumFractionDigits ?? 2);
    const compact = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: d.currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    const axis = { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) } };
    const tooltip = {
      trigger: 'axis',
      valueFormatter: (v: number) => money(Math.round(v * scale), d.currency),
    };
    const grid = { left: 64, right: 16, top: 16, bottom: 32 };
    const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit' });
    const aging: ChartOption = {
      grid,
      tooltip,
      xAxis: {
        type: 'category',
        axisLabel: { interval: 0 },
        data: d.aging.map((a) => t(`bucket.${a.bucket}`)),
      },
      yAxis: axis,
      series: [
        {
          type: 'bar',
          data: d.aging.map((a) => ({
            value: a.amountMinor / scale,
            itemStyle: { color: BUCKET_COLOURS[a.bucket] },
          })),
        },
      ],
    };
    const trend: ChartOption = {
      grid,
      tooltip,
      xAxis: {
        type: 'category',
        data: d.trend.map((p) => monthName.format(new Date(`${p.month.slice(0, 7)}-01T00:00:00Z`))),
      },
      yAxis: axis,
      series: [
        {
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.12 },
          itemStyle: { color: BRAND },
          data: d.trend.map((p) => p.overdueMinor / scale),
        },
      ],
    };
    const steps: ChartOption = {
      grid: { ...grid, left: 130 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: d.actionsByStep.map((s) => s.name ?? s.step),
      },
      series: [
        { type: 'bar', itemStyle: { color: BRAND }, data: d.actionsByStep.map((s) => s.count) },
      ],
    };
    return { aging, trend, steps };
  }, [d, locale, money, t]);

  if (data.error) return <ErrorNote error={data.error} retry={data.reload} />;
  if (!d || !options) return <Loading />;
  const overdue = d.aging
    .filter((a) => a.bucket !== 'current')
    .reduce((s, a) => s + a.amountMinor, 0);
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="muted">{t('account.asOf', { date: date(d.asOf) })}</p>
        </div>
      </div>
      <div className="kpis">
        <div className="card">
          <span className="label muted">{t('account.overdue')}</span>
          <div className="kpi overdue">{money(overdue, d.currency)}</div>
        </div>
        <div className="card">
          <span className="label muted">{t('dashboard.promised')}</span>
          <div className="kpi">{money(d.promisedThisWeek.amountMinor, d.currency)}</div>
          <span className="muted">
            {t('dashboard.promisedCount', { count: number(d.promisedThisWeek.count) })}
          </span>
        </div>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>{t('dashboard.aging')}</h2>
          <Chart option={options.aging} label={t('dashboard.aging')} />
        </div>
        <div className="card">
          <h2>{t('dashboard.trend')}</h2>
          <Chart option={options.trend} label={t('dashboard.trend')} />
        </div>
        <div className="card">
          <h2>{t('dashboard.byStep')}</h2>
          {d.actionsByStep.length > 0 ? (
            <Chart option={options.steps} label={t('dashboard.byStep')} />
          ) : (
            <p className="muted">{t('dashboard.noActions')}</p>
          )}
        </div>
        <div className="card">
          <h2>{t('dashboard.top')}</h2>
          <table className="data compact">
            <thead>
              <tr>
                <th>{t('col.name')}</th>
                <th className="num">{t('col.overdue')}</th>
                <th className="num">{t('col.daysLate')}</th>
              </tr>
            </thead>
            <tbody>
              {d.topOverdue.map((c) => (
                <tr key={c.code}>
                  <td>
                    <Link to={`/customers/${encodeURIComponent(c.code)}`}>{c.name}</Link>
                    <span className="sub mono">{c.code}</span>
                  </td>
                  <td className="num overdue">{money(c.overdueMinor, d.currency)}</td>
                  <td className="num">{c.daysLate === null ? '—' : number(c.daysLate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
