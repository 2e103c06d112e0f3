import { useFormat } from '../../i18n/format';
import type { DrillRequest, OnDrill } from './drill';

/** Every number on the dashboard opens the orders behind it. */
export function CountButton({
  value,
  request,
  onDrill,
  tone,
  testId,
  digits = 0,
}: {
  value: number;
  request: DrillRequest;
  onDrill: OnDrill;
  tone?: string;
  testId?: string;
  /** A rate (orders per hour) shows a decimal; counts do not. */
  digits?: number;
}) {
  const format = useFormat();
  return (
    <button
      type="button"
      className={`count${tone ? ` count--${tone}` : ''}${value === 0 ? ' count--zero' : ''}`}
      data-testid={testId}
      aria-label={`${request.title}: ${format.number(value, digits)}`}
      onClick={() => onDrill(request)}
    >
      {format.number(value, digits)}
    </button>
  );
}
