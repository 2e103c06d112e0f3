import { useFormat } from '../../i18n/format';
import type { DrillRequest, OnDrill } from './drill';

/** Every number on the dashboard opens the orders behind it. */
export function CountButton({ value, request, onDrill, tone, testId }: { value: number; request: DrillRequest; onDrill: OnDrill; tone?: string; testId?: string }) {
  const format = useFormat();
  return (
    <button
      type="button"
      className={`count${tone ? ` count--${tone}` : ''}${value === 0 ? ' count--zero' : ''}`}
      data-testid={testId}
      aria-label={`${request.title}: ${format.number(value)}`}
      onClick={() => onDrill(request)}
    >
      {format.number(value)}
    </button>
  );
}
