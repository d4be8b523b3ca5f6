import { describe, expect, it } from 'vitest';
import { demoOrders } from '../../../../../bots/support/orders/demo-orders-provider.ts';
import {
  formatOrderSummary,
  MAX_ORDER_SUMMARY_LENGTH,
} from '../../../../../bots/support/orders/format-order.ts';
import { ORDER_MESSAGES } from '../../../../../bots/support/orders/order-messages.ts';
import { ORDER_STATUSES, type Order } from '../../../../../bots/support/orders/orders-provider.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const NOW = new Date('2025-05-06T10:00:00Z');
const demo = (number: string): Order => {
  const order = demoOrders(NOW).find((candidate) => candidate.number === number);
  if (order === undefined) throw new Error(`no demo order ${number}`);
  return order;
};

describe('formatOrderSummary', () => {
  it('English: status, dates, items, tracking link and the next step', () => {
    expect(formatOrderSummary(demo('A-100001'), 'en')).toBe(
      [
        'Order A-100001: Shipped',
        'Placed on 4 May 2025. Estimated delivery: 7 May 2025.',
        'Items: Alpha Buds Pro wireless earbuds, USB-C charger 30 W.',
        'Tracking: https://tracking.courier.example/parcel/CX4821337PL',
        "It's with the courier, so it can no longer be cancelled.",
      ].join('\n'),
    );
  });

  it('Portuguese, with the help centre status names', () => {
    expect(formatOrderSummary(demo('A-100002'), 'pt')).toBe(
      [
        'Pedido A-100002: Em separação',
        'Feito em 6 de maio de 2025. Previsão de entrega: 8 de maio de 2025.',
        'Itens: 3× Alpha Home smart plug.',
        'Ainda dá para cancelar em Conta > Meus pedidos até o envio.',
      ].join('\n'),
    );
  });

  it('Polish, with the help centre status names', () => {
    expect(formatOrderSummary(demo('A-200001'), 'pl')).toBe(
      [
        'Zamówienie A-200001: Dostarczone',
        'Złożone 27 kwietnia 2025.',
        'Produkty: Alpha Tab 11 tablet.',
        'Śledzenie przesyłki: https://tracking.courier.example/parcel/CX5519004BR',
        'Nie ma paczki? Zapytaj sąsiadów lub w recepcji i poczekaj do końca następnego dnia roboczego, a potem napisz do nas.',
      ].join('\n'),
    );
  });

  it('names every status as the order-tracking articles do', () => {
    expect(Object.values(ORDER_MESSAGES.en.status).slice(0, 4)).toEqual([
      'Order received',
      'Processing',
      'Shipped',
      'Delivered',
    ]);
    expect(Object.values(ORDER_MESSAGES.pt.status).slice(0, 4)).toEqual([
      'Pedido recebido',
      'Em separação',
      'Enviado',
      'Entregue',
    ]);
    expect(Object.values(ORDER_MESSAGES.pl.status).slice(0, 4)).toEqual([
      'Przyjęte',
      'W realizacji',
      'Wysłane',
      'Dostarczone',
    ]);
  });

  it('shows no delivery estimate or tracking link for a cancelled order, and says where the money goes', () => {
    const cancelled = {
      ...demo('A-300002'),
      estimatedDelivery: '2025-05-09',
      trackingUrl: 'https://t.example/1',
    };
    const text = formatOrderSummary(cancelled, 'en');
    expect(text).toContain('Order A-300002: Cancelled');
    expect(text).not.toContain('Estimated delivery');
    expect(text).not.toContain('https://');
    expect(text).toContain('5–7 business days');
  });

  it('shows a calendar delivery date as that day in any time zone, and the order date in the given zone', () => {
    const order = { ...demo('A-100002'), placedAt: '2025-05-05T23:30:00Z', estimatedDelivery: '2025-05-08' };
    const text = formatOrderSummary(order, 'en', { timeZone: 'America/Sao_Paulo' });
    expect(text).toContain('Placed on 5 May 2025. Estimated delivery: 8 May 2025.');
    expect(formatOrderSummary(order, 'en', { timeZone: 'Europe/Warsaw' })).toContain('Placed on 6 May 2025.');
  });

  it('stays within 600 characters for a long order in every language, listing fewer items', () => {
    const items = Array.from({ length: 30 }, (_, index) => ({
      name: `Alpha accessory number ${index + 1} with a rather long descriptive product name`,
      quantity: index + 1,
    }));
    for (const language of LANGUAGES) {
      const text = formatOrderSummary({ ...demo('A-100001'), items }, language);
      expect(text.length).toBeLessThanOrEqual(MAX_ORDER_SUMMARY_LENGTH);
      expect(text).toContain(ORDER_MESSAGES[language].moreItems(items.length - countShown(text)));
      expect(text).toContain('https://tracking.courier.example/parcel/CX4821337PL');
    }
  });

  it('never exceeds 600 characters, whatever the data', () => {
    const huge = {
      ...demo('A-100001'),
      items: [{ name: 'x'.repeat(200), quantity: 9999 }],
      trackingUrl: `https://tracking.courier.example/${'y'.repeat(1500)}`,
    };
    for (const language of LANGUAGES) {
      for (const status of ORDER_STATUSES) {
        expect(formatOrderSummary({ ...huge, status }, language).length).toBeLessThanOrEqual(600);
      }
    }
  });
});

function countShown(text: string): number {
  return (text.match(/Alpha accessory number/g) ?? []).length;
}
