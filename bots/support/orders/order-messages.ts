import type { Language } from '../../../shared/domain/channel.ts';
import type { OrderStatus } from './orders-provider.ts';

/**
 * Everything the order-status flow says, per language. Status names are the help centre's own
 * (kb/<lang>/order-tracking.md), so the bot and the app use the same words; hints repeat the
 * help centre's policies (cancellable until Shipped, refunds in 5–7 business days).
 */
export interface OrderMessages {
  /** Intl locale for dates. */
  readonly dateLocale: string;
  readonly status: Readonly<Record<OrderStatus, string>>;
  readonly heading: (number: string, status: string) => string;
  readonly placed: (date: string) => string;
  readonly items: (list: string) => string;
  readonly moreItems: (count: number) => string;
  readonly estimatedDelivery: (date: string) => string;
  readonly tracking: (url: string) => string;
  /** The next thing the customer can do, by status. */
  readonly hint: Readonly<Record<OrderStatus, string>>;
  readonly askNumber: string;
  /** The one answer for "no such order" and "not your order": it must never tell them apart. */
  readonly notShared: string;
  readonly unavailable: string;
  readonly cancelDone: (number: string) => string;
  readonly cancelTooLate: (number: string) => string;
}

export const ORDER_MESSAGES: Readonly<Record<Language, OrderMessages>> = {
  en: {
    dateLocale: 'en-GB',
    status: {
      received: 'Order received',
      processing: 'Processing',
      shipped: 'Shipped',
      delivered: 'Delivered',
      cancelled: 'Cancelled',
    },
    heading: (number, status) => `Order ${number}: ${status}`,
    placed: (date) => `Placed on ${date}.`,
    items: (list) => `Items: ${list}.`,
    moreItems: (count) => `and ${count} more`,
    estimatedDelivery: (date) => `Estimated delivery: ${date}.`,
    tracking: (url) => `Tracking: ${url}`,
    hint: {
      received: 'You can still cancel it in Account > My orders until it ships.',
      processing: 'You can still cancel it in Account > My orders until it ships.',
      shipped: "It's with the courier, so it can no longer be cancelled.",
      delivered:
        "Can't find it? Check with neighbours or reception and wait until the end of the next business day, then contact us.",
      cancelled: 'Any payment goes back to your original payment method, usually within 5–7 business days.',
    },
    askNumber:
      "What's your order number? You'll find it in the confirmation e-mail and in Account > My orders (for example A-123456).",
    notShared:
      "I can't share details of that order here. I can only show orders placed with the phone number or e-mail address verified on this chat. You can see all your orders in Account > My orders, or ask for a person.",
    unavailable: "I can't check orders right now. Would you like me to pass you to a person?",
    cancelDone: (number) =>
      `Done: order ${number} is cancelled. You'll get a confirmation e-mail, and any payment goes back to your original payment method within 5–7 business days.`,
    cancelTooLate: (number) =>
      `Order ${number} has already shipped, so it can't be cancelled any more. You can refuse the delivery, or return it for free within 30 days of delivery.`,
  },
  pt: {
    dateLocale: 'pt-BR',
    status: {
      received: 'Pedido recebido',
      processing: 'Em separação',
      shipped: 'Enviado',
      delivered: 'Entregue',
      cancelled: 'Cancelado',
    },
    heading: (number, status) => `Pedido ${number}: ${status}`,
    placed: (date) => `Feito em ${date}.`,
    items: (list) => `Itens: ${list}.`,
    moreItems: (count) => `e mais ${count}`,
    estimatedDelivery: (date) => `Previsão de entrega: ${date}.`,
    tracking: (url) => `Rastreio: ${url}`,
    hint: {
      received: 'Ainda dá para cancelar em Conta > Meus pedidos até o envio.',
      processing: 'Ainda dá para cancelar em Conta > Meus pedidos até o envio.',
      shipped: 'O pacote está com a transportadora, então não dá mais para cancelar.',
      delivered:
        'Não encontrou? Pergunte aos vizinhos ou na portaria e aguarde até o fim do próximo dia útil; depois, fale com a gente.',
      cancelled: 'O valor pago é estornado na mesma forma de pagamento, normalmente em 5 a 7 dias úteis.',
    },
    askNumber:
      'Qual é o número do pedido? Ele está no e-mail de confirmação e em Conta > Meus pedidos (por exemplo, A-123456).',
    notShared:
      'Não consigo mostrar os detalhes desse pedido por aqui. Só mostro pedidos feitos com o telefone ou e-mail verificado neste chat. Você vê todos os seus pedidos em Conta > Meus pedidos ou pode pedir para falar com uma pessoa.',
    unavailable: 'Não consigo consultar pedidos agora. Quer que eu chame uma pessoa da equipe?',
    cancelDone: (number) =>
      `Pronto: o pedido ${number} foi cancelado. A confirmação chega por e-mail, e o valor pago é estornado na mesma forma de pagamento em 5 a 7 dias úteis.`,
    cancelTooLate: (number) =>
      `O pedido ${number} já foi enviado e não pode mais ser cancelado. Você pode recusar a entrega ou devolver sem custo em até 30 dias após o recebimento.`,
  },
  pl: {
    dateLocale: 'pl-PL',
    status: {
      received: 'Przyjęte',
      processing: 'W realizacji',
      shipped: 'Wysłane',
      delivered: 'Dostarczone',
      cancelled: 'Anulowane',
    },
    heading: (number, status) => `Zamówienie ${number}: ${status}`,
    placed: (date) => `Złożone ${date}.`,
    items: (list) => `Produkty: ${list}.`,
    moreItems: (count) => `i jeszcze ${count}`,
    estimatedDelivery: (date) => `Przewidywana dostawa: ${date}.`,
    tracking: (url) => `Śledzenie przesyłki: ${url}`,
    hint: {
      received: 'Możesz je jeszcze anulować w zakładce Konto > Moje zamówienia, dopóki nie zostanie wysłane.',
      processing:
        'Możesz je jeszcze anulować w zakładce Konto > Moje zamówienia, dopóki nie zostanie wysłane.',
      shipped: 'Paczka jest u kuriera, więc nie można już anulować zamówienia.',
      delivered:
        'Nie ma paczki? Zapytaj sąsiadów lub w recepcji i poczekaj do końca następnego dnia roboczego, a potem napisz do nas.',
      cancelled: 'Pieniądze wrócą tą samą metodą płatności, zwykle w ciągu 5–7 dni roboczych.',
    },
    askNumber:
      'Podaj numer zamówienia – znajdziesz go w e-mailu z potwierdzeniem i w zakładce Konto > Moje zamówienia (np. A-123456).',
    notShared:
      'Nie mogę tu pokazać szczegółów tego zamówienia. Pokazuję tylko zamówienia złożone z numerem telefonu lub adresem e-mail potwierdzonym w tym czacie. Wszystkie swoje zamówienia zobaczysz w zakładce Konto > Moje zamówienia – możesz też poprosić o rozmowę z konsultantem.',
    unavailable: 'Nie mogę teraz sprawdzić zamówień. Czy połączyć Cię z konsultantem?',
    cancelDone: (number) =>
      `Gotowe: zamówienie ${number} zostało anulowane. Dostaniesz potwierdzenie e-mailem, a pieniądze wrócą tą samą metodą płatności w ciągu 5–7 dni roboczych.`,
    cancelTooLate: (number) =>
      `Zamówienie ${number} zostało już wysłane, więc nie można go anulować. Możesz odmówić przyjęcia paczki albo bezpłatnie zwrócić produkt w ciągu 30 dni od dostawy.`,
  },
};
