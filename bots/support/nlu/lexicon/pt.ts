import type { LexiconGroup } from './types.ts';

/** Brazilian Portuguese as typed on phones: "vc", "pra", "cadê" → "cade", "nao", "q", "pfv", "vlw". */
export const PT: readonly LexiconGroup[] = [
  { to: 'greeting', w: 3, max: 6, p: ['oi', 'oie', 'ola', 'opa', 'salve', 'alo', 'eai', 'e ai'] },
  { to: 'greeting', w: 3, max: 6, p: ['bom dia', 'boa tarde', 'boa noite'] },
  { to: 'greeting', w: 1, max: 6, p: ['tudo bem', 'tudo bom', 'alguem ai'] },

  { to: 'goodbye', w: 3, p: ['obrigad*', 'brigad*', 'obg', 'vlw', 'valeu', 'tchau', 'flw', 'agradeco'] },
  { to: 'goodbye', w: 3, p: ['ate mais', 'ate logo', 'ate breve', 'boa semana'] },
  { to: 'goodbye', w: 2, max: 5, p: ['falou', 'e isso', 'so isso', 'ajudou', 'resolveu', 'beleza', 'blz'] },
  { to: 'goodbye', w: 2, max: 6, p: ['perfeito', 'otimo', 'show', 'tenha bom dia|dia|semana'] },

  // password_reset
  { to: '@password-reset-help', w: 3.5, p: ['senha*', 'snha'] },
  { to: '@password-reset-help', w: 1.5, p: ['esqueci', 'login', 'logar', 'redefinir', 'bloqueada'] },
  {
    to: '@password-reset-help',
    w: 3,
    p: [
      'consig*|consegu* entrar|acessar|logar|login',
      'nao entra|loga',
      'conta bloqueada',
      'fazer login',
      'sem acesso conta',
      'nao aceita|aceitou senha|login',
    ],
  },

  // order_status
  {
    to: '@order-tracking',
    w: 3.5,
    p: [
      'cade|onde pedido|encomenda|compra|pacote|produto|entrega',
      'rastre*',
      'status pedido|compra|encomenda',
      'codigo rastreio',
    ],
  },
  { to: '@order-tracking', w: 1, p: ['pedido', 'encomenda', 'separacao', 'enviado', 'transportadora'] },
  { to: '@order-tracking', w: 2, p: ['nao|nunca chegou|recebi|veio|entregaram'] },
  {
    to: '@order-tracking',
    w: 2.5,
    p: [
      'nada chegou',
      'consta|diz|mostra|aparece entregue',
      'entregue mas',
      'quando chega pedido|encomenda|compra',
      'pedido ainda',
      'faz dias|semana nada',
      'pedido|encomenda|entrega atrasad*|atraso',
      'novidade*|noticia*|atualizacao pedido|encomenda|compra',
      'pedido|encomenda|pacote chega|vem|chegando|chegar hoje|amanha',
    ],
  },

  // cancel_order
  { to: '@cancel-order', w: 3.5, p: ['cancel*|cancela pedido|compra|item|produto|encomenda'] },
  { to: '@cancel-order', w: 1.5, p: ['cancel*', 'cancela', 'quero cancelar'] },
  { to: '@cancel-order', w: 3, p: ['desisti*', 'comprei errado', 'parar|suspender|segurar pedido|compra'] },
  { to: '@cancel-order', w: 2, p: ['nao quero mais', 'nao preciso mais'] },
  { to: '@cancel-order', w: -2, p: ['cancelado', 'cancelada'] },

  // returns_refunds
  { to: '@returns-policy', w: 3, p: ['devol*', 'devolucao', 'arrependi*'] },
  { to: '@returns-policy', w: 2, p: ['troca', 'trocar produto|modelo|item|tamanho|cor', 'etiqueta'] },
  { to: '@returns-policy', w: 1.5, p: ['trocar', 'prazo devol*'] },
  { to: '@refund-timing', w: 3.5, p: ['reembols*', 'estorn*', 'ressarc*', 'dinheiro volta', 'refund'] },
  { to: '@refund-timing', w: 1.5, p: ['quando cai', 'dinheiro'] },
  {
    to: '@refund-timing',
    w: 3,
    p: ['cade|onde reembols*|estorn*|dinheiro', 'dinheiro voltou|volta|voltar|caiu'],
  },
  {
    to: '@damaged-item',
    w: 3,
    p: [
      'quebrad*',
      'danificad*',
      'avariad*',
      'amassad*',
      'trincad*',
      'rachad*',
      'produto|item|cor|modelo|tamanho errado|diferente',
      'veio errado',
      'faltando|falta peca*|item|acessorio*|parte*',
    ],
  },
  { to: '@damaged-item', w: 1.5, p: ['chegou|veio quebrado|danificado|errado'] },

  // payments_invoices
  { to: '@payment-methods', w: 3, p: ['pagament*', 'pix', 'boleto', 'paypal', 'parcelar', 'parcelamento'] },
  {
    to: '@payment-methods',
    w: 3,
    p: ['parcelas', 'parcela', 'parcelado', 'sem juros', '10x', 'vezes juros'],
  },
  { to: '@payment-methods', w: 2, p: ['pagar', 'paguei', 'cartao credito|debito', 'recusad*', 'debito'] },
  {
    to: '@payment-methods',
    w: 1.5,
    p: ['cartao', 'cartoes', 'checkout', 'dois cartoes', 'usar cartao|cartoes'],
  },
  { to: '@payment-methods', w: 2.5, p: ['pagar|pagamento entrega', 'quantas vezes', 'aceita* cartao'] },
  {
    to: '@invoice-download',
    w: 4,
    p: ['nota fiscal', 'nf', 'nfe', 'segunda via', 'cupom fiscal', '=recibo'],
  },
  { to: '@invoice-download', w: 2.5, p: ['cnpj', 'nota', 'comprovante', 'fatura'] },

  // shipping_delivery
  {
    to: '@shipping-times',
    w: 3.5,
    p: [
      'prazo entrega|envio',
      'quanto tempo demora|leva chega|chegar|entrega|entregar',
      'demora chegar|entrega|entregar',
      'entregam|entrega fim semana|sabado|domingo|feriado',
    ],
  },
  {
    to: '@shipping-times',
    w: 2.5,
    p: [
      'dias uteis',
      'retir* loja',
      'retirada',
      'chega amanha',
      'se eu pedir|comprar hoje|agora',
      'quando recebo|chega',
      'entregam',
      'expressa chega',
    ],
  },
  { to: '@shipping-times', w: 1, p: ['entrega', 'prazo', 'envio', 'expressa', 'demora*', 'quanto tempo'] },
  {
    to: '@shipping-costs',
    w: 3.5,
    p: [
      'frete*',
      'valor|custo|taxa|preco entrega|envio',
      'quanto custa|e entrega|envio|frete',
      'entrega gratis|gratuita',
      'quanto expressa',
      'cobr* entrega|frete|envio',
      'minimo frete|gratis',
    ],
  },

  // account_details
  {
    to: '@update-contact-details',
    w: 3.5,
    p: [
      'troc*|troquei|mud*|alter*|atualiz*|corrig*|edit*|novo|nova email|numero|endereco|dados|nome|cadastro',
      'me mudei',
      'dados pessoais',
      'email errado',
      'endereco errado',
    ],
  },
  {
    to: '@update-contact-details',
    w: 1.5,
    p: ['endereco', 'cadastro', 'email', 'troc*|mud*|alter*|atualiz* celular|telefone'],
  },
  {
    to: '@delete-account',
    w: 4,
    p: [
      'exclu*|apag*|delet*|encerr*|desativ*|fechar|cancelar conta|cadastro',
      'apag*|exclu* meus dados',
      'remov*|tira* conta|cadastro',
      'nao quero conta|cadastro',
    ],
  },

  // subscription
  {
    to: '@subscription-cancel',
    w: 3.5,
    p: ['alpha plus', 'assinatura', 'assinar', 'assinante', 'mensalidade', 'cobranca mensal'],
  },
  { to: '@subscription-cancel', w: 2, p: ['plus', 'membro', 'pausar', 'renov*'] },

  // human_agent
  { to: 'human_agent', w: 2.5, p: ['atendente*', 'humano', 'pessoa', 'operador', 'gerente'] },
  { to: 'human_agent', w: 2, max: 3, p: ['atendente', 'humano', 'pessoa', 'operador', 'suporte'] },
  {
    to: 'human_agent',
    w: 2,
    p: [
      'falar|conversar com alguem|pessoa|atendente|humano|gente',
      'pessoa|atendente|alguem real|verdade',
      'alguem atender|atende|ajudar',
      'passa|passar alguem',
      'atendimento humano',
      'nao quero robo|bot|maquina',
      'transfere|transferir|passa|passar atendente|humano|pessoa',
      'me liga|ligar',
    ],
  },

  // complaint
  {
    to: 'complaint',
    w: 4,
    p: [
      'reclama*',
      'reclame',
      'pessim*',
      'horrivel',
      'absurd*',
      'ridicul*',
      'vergonha',
      'descaso',
      'palhacada',
      'insatisfeit*',
      'procon',
      'lixo',
      'piada',
      'golpe',
      'desrespeit*',
      'lamentavel',
    ],
  },
  { to: 'complaint', w: 3, p: ['pior', 'decepcion*', 'raiva', 'furios*', 'revoltad*', 'processar'] },
  {
    to: 'complaint',
    w: 2,
    p: [
      'ninguem resolve|responde|ajuda|atende',
      'nunca mais compro',
      'muito insatisfeit*|chatead*|irritad*',
      'que merda',
      'falta de respeito',
    ],
  },

  // link_account
  {
    to: 'link_account',
    w: 3.5,
    p: [
      'vincul*|conectar|conecto|juntar|unir|ligar|integrar conta|chat*|telegram|whatsapp|messenger|historico',
      'chats conectados',
    ],
  },
  { to: 'link_account', w: 1.5, p: ['vincul*', 'mesma conta'] },

  // faq
  {
    to: '@store-hours',
    w: 3.5,
    p: [
      'horario funcionamento|loja|lojas',
      'que horas abre|abrem|fecha|fecham|abri*|fech*',
      'abre|abrem|aberta|aberto|funciona domingo|sabado|feriado|hoje|natal',
    ],
  },
  { to: '@store-hours', w: 2, p: ['horario*', 'abre', 'abrem', 'fecha', 'fecham', 'domingo', 'feriado'] },
  {
    to: '@store-locations',
    w: 3.5,
    p: [
      'loja mais proxima|perto',
      'endereco loja|lojas',
      'onde fica|ficam loja|lojas',
      'onde fica',
      'estacionamento',
      'loja fisica',
    ],
  },
  { to: '@store-locations', w: 1.5, p: ['loja', 'lojas', 'mapa', 'shopping'] },
  {
    to: '@warranty',
    w: 4,
    p: ['garantia', 'conserto', 'consert*', 'reparo', 'defeito', 'parou funcionar', 'assistencia tecnica'],
  },
  {
    to: '@warranty',
    w: 2,
    p: ['nao funciona|liga|carrega', 'estragou', 'deu problema', 'depois ano|anos|meses', 'bateria'],
  },
  { to: '@device-setup-wifi', w: 4, p: ['wifi', 'wi fi', 'roteador', 'parear', 'pareamento'] },
  {
    to: '@device-setup-wifi',
    w: 2,
    p: [
      'configur*|conect*|instalar camera|tomada|som|tv|aparelho|dispositivo|lampada',
      'nao conecta',
      'inteligente',
    ],
  },
  {
    to: '@gift-cards',
    w: 4,
    p: ['cartao presente', 'vale presente', 'gift card', 'giftcard', 'vale compra*'],
  },
  { to: '@gift-cards', w: 2, p: ['presente', 'resgat*', 'saldo'] },
  {
    to: '@data-privacy',
    w: 4,
    p: ['privacidade', 'lgpd', 'protecao dados', 'marketing', 'descadastr*', 'promocao|promocoes|propaganda'],
  },
  {
    to: '@data-privacy',
    w: 2.5,
    p: ['meus dados', 'copia dados', 'historico conversa*', 'nao quero receber', 'notificac*', 'spam'],
  },
  {
    to: '@contact-options',
    w: 3.5,
    p: [
      'contato',
      'telefone voces|vcs|alpha|sac|loja',
      'numero voces|vcs|atendimento',
      'sac',
      'email suporte|atendimento',
      'horario atendente*|atendimento|suporte|chat',
      'falar com voces|vcs',
    ],
  },
  { to: '@contact-options', w: 1.5, p: ['telefone', 'suporte'] },
];
