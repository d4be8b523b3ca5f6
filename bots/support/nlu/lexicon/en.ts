import type { LexiconGroup } from './types.ts';

/** English, as typed on phones: no apostrophes ("cant", "wheres"), "u"/"ur", "pls", common typos. */
export const EN: readonly LexiconGroup[] = [
  { to: 'greeting', w: 3, max: 6, p: ['hi', 'hello', 'hey', 'hiya', 'heya', 'howdy', 'yo', 'hallo'] },
  { to: 'greeting', w: 3, max: 6, p: ['good morning', 'good afternoon', 'good evening', 'good day'] },
  { to: 'greeting', w: 1, max: 6, p: ['anyone there', 'hi there', 'hey there'] },

  { to: 'goodbye', w: 3, p: ['thanks', 'thank', 'thx', 'tks', 'thnx', 'cheers', 'bye', 'goodbye', 'cya'] },
  { to: 'goodbye', w: 3, max: 3, p: ['ty', 'tysm'] },
  { to: 'goodbye', w: 3, p: ['see you', 'see ya', 'have a good|nice', 'thats all', 'that is all'] },
  { to: 'goodbye', w: 2, max: 6, p: ['that helped', 'all good', 'solved', 'perfect', 'awesome', 'great'] },

  // password_reset
  { to: '@password-reset-help', w: 3.5, p: ['password*', 'passwd', 'pwd', '=pw', 'passcode', 'credentials'] },
  { to: '@password-reset-help', w: 1.5, p: ['forgot', 'forgotten', 'reset', 'login', 'logon', 'locked'] },
  {
    to: '@password-reset-help',
    w: 3,
    p: [
      'cant|cannot|unable|couldnt|can|not log|login|logon|signin',
      'cant|cannot|unable|couldnt sign in|into',
      'cant|cannot|unable|couldnt get|getting in|into',
      'cant|cannot|unable access account',
      'locked out',
      'login|signin doesnt|dont|not|isnt work*',
      'reset link',
      'logs|logged|logging me out',
      'wont|doesnt|not accept* password*|pw|login',
    ],
  },

  // order_status
  {
    to: '@order-tracking',
    w: 3.5,
    p: [
      'where|wheres order|orders|package|parcel|stuff|delivery|shipment|purchase',
      'track*',
      'order status',
      'status order',
    ],
  },
  { to: '@order-tracking', w: 1, p: ['order', 'ordered', 'status', 'processing', 'courier', 'shipped'] },
  // "not arrived" names no object: it supports order tracking but does not make it a topic on its own.
  {
    to: '@order-tracking',
    w: 2,
    p: ['not|hasnt|havent|didnt|never|still arrived|received|arrive|come|came|here'],
  },
  {
    to: '@order-tracking',
    w: 2.5,
    p: [
      'says|marked|shows|showing|shown delivered',
      'delivered but',
      'when will order|it|package|parcel arrive|come|get',
      'has order shipped|dispatched',
      'order still',
      'update|news|info order|package|parcel|delivery',
      'package|parcel|order coming|arriving|here',
      'order|package|parcel|delivery late|delayed|overdue',
    ],
  },

  // cancel_order
  { to: '@cancel-order', w: 3.5, p: ['cancel*|cancle* order*|purchase|item|it|headphones|one'] },
  { to: '@cancel-order', w: 1.5, p: ['cancel*|cancle*', 'want cancel*', 'changed|change mind'] },
  { to: '@cancel-order', w: 2, p: ['changed|change mind', 'dont|not want|need it anymore', 'stop order'] },
  // "my cancelled order" is about a past cancellation (usually its refund), not a request to cancel.
  { to: '@cancel-order', w: -2, p: ['cancelled|canceled'] },

  // returns_refunds
  { to: '@returns-policy', w: 2.5, p: ['return*', 'exchange*', 'swap*', 'dont|doesnt fit'] },
  { to: '@returns-policy', w: 3, p: ['send|sent|take|give it|them back', 'send|take back', 'return label'] },
  {
    to: '@returns-policy',
    w: 1.5,
    p: ['return policy', 'how many days', 'another|different model|size|colour|color'],
  },
  { to: '@refund-timing', w: 3.5, p: ['refund*', 'reimburs*', 'money back', 'chargeback'] },
  {
    to: '@refund-timing',
    w: 1.5,
    p: ['where|when refund*', 'refund* status|take|long|still', 'money', 'approved'],
  },
  { to: '@refund-timing', w: 3, p: ['where|wheres|when money', 'come|came back card|account|bank'] },
  {
    to: '@damaged-item',
    w: 3,
    p: [
      'damaged',
      'broken',
      'crack*',
      'smashed',
      'crushed',
      'dented',
      'shattered',
      'wrong item|product|thing|order|model|size',
      'different product|item|thing',
      'missing part*|piece*|item*|accessor*',
      'part*|piece* missing',
    ],
  },
  {
    to: '@damaged-item',
    w: 1.5,
    p: ['arrived|came|received|got broken|damaged|wrong', 'wrong colour|color|colors'],
  },

  // payments_invoices
  { to: '@payment-methods', w: 3, p: ['payment*', 'paypal', 'installment*', 'instalment*', 'klarna'] },
  { to: '@payment-methods', w: 2, p: ['pay', 'paying', 'cash', 'visa', 'mastercard', 'amex', 'declined'] },
  { to: '@payment-methods', w: 1.5, p: ['card', 'cards', 'checkout', 'two cards', 'use card*'] },
  {
    to: '@payment-methods',
    w: 2.5,
    p: ['credit|debit card', 'apple|google pay', 'cash|pay on delivery', 'split payment', 'card rejected'],
  },
  { to: '@invoice-download', w: 4, p: ['invoice*', 'receipt*'] },
  { to: '@invoice-download', w: 2.5, p: ['vat', 'tax id|number', 'company invoice', 'billing'] },

  // shipping_delivery
  {
    to: '@shipping-times',
    w: 3.5,
    p: ['delivery|shipping time*', 'how long delivery|shipping|ship|arrive|deliver|get here'],
  },
  {
    to: '@shipping-times',
    w: 2.5,
    p: [
      'how fast|quick*',
      'next day',
      'same day',
      'deliver*|ship* weekend*|saturday*|sunday*',
      'click collect',
      'business days',
      'arrive tomorrow',
      'if i order',
      'order today|now',
      'dispatch*',
    ],
  },
  {
    to: '@shipping-times',
    w: 1,
    p: ['delivery', 'deliver', 'shipping', 'express', 'pickup', 'pick up', 'how long'],
  },
  {
    to: '@shipping-costs',
    w: 3.5,
    p: [
      'shipping|delivery|postage cost*|fee*|price*|charge*',
      'free shipping|delivery',
      'shipping|delivery free',
      'how much shipping|delivery|postage|express',
      'cost express',
      'charge*|pay*|paid delivery|shipping|postage',
      'minimum free',
    ],
  },

  // account_details
  {
    to: '@update-contact-details',
    w: 3.5,
    p: [
      'change*|update*|edit*|modify|new|wrong email|mail|number|address|adress|name|details',
      'moved house|flat|apartment|home',
      'personal details',
      'profile',
      'moved house',
    ],
  },
  { to: '@update-contact-details', w: 1.5, p: ['address', 'adress', 'email', 'moved', 'change* phone'] },
  {
    to: '@delete-account',
    w: 4,
    p: [
      'delete|close|remove|deactivate|erase|terminate account',
      'delete|remove|erase my data',
      'delete|close|remove|deactivate|erase|terminate profile',
    ],
  },

  // subscription
  {
    to: '@subscription-cancel',
    w: 3.5,
    p: ['alpha plus', 'subscri*', 'member*', 'monthly fee|charge|payment'],
  },
  { to: '@subscription-cancel', w: 2, p: ['plus', 'renew*', 'pause'] },
  { to: '@subscription-cancel', w: 1.5, p: ['refund*|charged|charge plus|membership|subscription'] },
  { to: '@subscription-cancel', w: -3, p: ['unsubscrib*'] },

  // human_agent: a keyword alone is a request only in a short message; longer ones need a verb.
  { to: 'human_agent', w: 2.5, p: ['human', 'agent*', 'operator', 'representative', 'person', 'somebody'] },
  { to: 'human_agent', w: 2, max: 3, p: ['human', 'agent', 'operator', 'person', 'rep', 'support'] },
  {
    to: 'human_agent',
    w: 2,
    p: [
      'talk|speak|chat|connect|transfer* someone|somebody|person|human|agent*|staff|rep|representative',
      'real|live person|human|agent|people',
      'not|no bot|robot|machine',
      'call me',
      'manager',
    ],
  },

  // complaint
  {
    to: 'complaint',
    w: 4,
    p: [
      'complain*',
      'unacceptable',
      'disgrac*',
      'ridiculous',
      'useless',
      'pathetic',
      'worst',
      'scam',
      'suck',
      'incompetent',
    ],
  },
  { to: 'complaint', w: 3, p: ['terrible', 'horrible', 'awful', 'disappointed', 'dissatisfied', 'shocking'] },
  { to: 'complaint', w: 4, p: ['furious', 'appalling', 'outrageous', 'disgusting', 'beyond joke'] },
  { to: 'complaint', w: 2, p: ['unhappy', 'angry', 'upset', 'joke', 'shame', 'wtf', 'lawyer', 'sue'] },
  {
    to: 'complaint',
    w: 2,
    p: [
      'very unhappy|angry|upset|bad',
      'nobody|noone answers|answer|responds|helps|replies',
      'no one answers|answer|responds|helps|replies',
      'never again',
      'fed up',
      'sick of',
      'consumer protection',
      'bad service',
    ],
  },

  // link_account
  {
    to: 'link_account',
    w: 3.5,
    p: [
      'link|connect|merge|combine|join account*|chat*|telegram|whatsapp|messenger|sms|history',
      'connected chats',
    ],
  },
  { to: 'link_account', w: 1.5, p: ['link'] },
  { to: 'link_account', w: 2.5, p: ['same|one account', 'messenger|whatsapp|telegram account'] },

  // faq
  {
    to: '@store-hours',
    w: 3.5,
    p: [
      'opening|closing hours|time*',
      'store|shop hours',
      'what time open*|close*',
      'when open*|close*',
      'open today|now|sunday|saturday|tomorrow|holiday*|christmas',
    ],
  },
  { to: '@store-hours', w: 2, p: ['open', 'opens', 'hours', 'closed', 'christmas', 'holiday*', 'sunday'] },
  {
    to: '@store-locations',
    w: 3.5,
    p: ['nearest|closest store*|shop*', 'store*|shop* address|location*', 'where store*|shop*', 'parking'],
  },
  { to: '@store-locations', w: 1.5, p: ['store*', 'shop*', 'location*', 'directions', 'map'] },
  {
    to: '@warranty',
    w: 4,
    p: ['warrant*', 'guarantee', 'stopped working', 'faulty', 'defect*', 'repair*', 'stopped charging'],
  },
  {
    to: '@warranty',
    w: 2,
    p: ['not|doesnt|isnt|wont working|work|turn', 'fix', 'after year|years|months', 'battery'],
  },
  { to: '@device-setup-wifi', w: 4, p: ['wifi', 'wi fi', 'router', 'pairing', 'pair'] },
  {
    to: '@device-setup-wifi',
    w: 2,
    p: ['set up|setup|setting|install|connect* camera|speaker|plug|tv|device|bulb', '=smart', 'bluetooth'],
  },
  { to: '@gift-cards', w: 4, p: ['gift card*', 'giftcard*', 'voucher*', 'e gift', 'gift certificate'] },
  { to: '@gift-cards', w: 2, p: ['gift', 'redeem', 'balance'] },
  {
    to: '@data-privacy',
    w: 4,
    p: ['privacy', 'gdpr', 'personal data', 'data protection', 'marketing', 'newsletter*', 'unsubscrib*'],
  },
  {
    to: '@data-privacy',
    w: 2.5,
    p: ['my data', 'chat history', 'consent', 'stop emails|sms|notifications|texts', 'copy data'],
  },
  {
    to: '@contact-options',
    w: 3.5,
    p: [
      'contact',
      'reach you',
      'phone number|line',
      'hotline',
      'helpline',
      'support email',
      'email support',
      'call you|center|centre',
      'agent*|support|chat hours|online|available|work',
      'customer service number|phone',
    ],
  },
];
