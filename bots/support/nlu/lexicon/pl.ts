import type { LexiconGroup } from './types.ts';

/**
 * Polish as typed on phones, folded ("sie", "moge", "zamowienie"). Polish inflects heavily, so most
 * words are prefixes: "zamowien*" covers zamówienie/zamówienia/zamówieniu, "hasl*" hasło/hasła/hasłem.
 */
export const PL: readonly LexiconGroup[] = [
  { to: 'greeting', w: 3, max: 6, p: ['czesc', 'hej', 'hejka', 'siema*', 'witam', 'witaj', 'elo', 'halo'] },
  { to: 'greeting', w: 3, max: 6, p: ['dzien dobry', 'dobry wieczor', 'dzien dobr*'] },

  { to: 'goodbye', w: 3, p: ['dziek*', '=dziena', 'dzienki', 'dzieki', 'do widzenia', 'do zobaczenia'] },
  { to: 'goodbye', w: 3, p: ['na razie', 'nara', 'milego dnia', 'pozdrawiam'] },
  { to: 'goodbye', w: 3, max: 4, p: ['pa', 'papa', 'pa pa'] },
  { to: 'goodbye', w: 2, max: 6, p: ['to wszystko', 'pomoglo', 'pomogliscie', 'super', 'ok'] },

  // password_reset
  { to: '@password-reset-help', w: 3.5, p: ['hasl*', 'haslo'] },
  { to: '@password-reset-help', w: 1.5, p: ['zalog*', 'logow*', 'reset*', 'zresetow*', 'zablokowan*'] },
  {
    to: '@password-reset-help',
    w: 3,
    p: [
      'nie moge|mozna|da zalog*|logowac|wejsc|zalogowac',
      'nie moge dostac konto|konta',
      'konto zablokowane',
      'nie mam dostepu',
      'nie pamietam hasl*',
    ],
  },

  // order_status
  {
    to: '@order-tracking',
    w: 3.5,
    p: [
      'gdzie zamowien*|paczk*|przesylk*|order',
      'status zamowien*|paczk*|przesylk*|orderu',
      'sledz*',
      'numer przesylki|paczki',
    ],
  },
  { to: '@order-tracking', w: 1, p: ['zamowien*', 'paczk*', 'przesylk*', 'kurier*', 'realizacji'] },
  { to: '@order-tracking', w: 2, p: ['nie doszl*|doszed*|dotarl*|przyszl*|przyszed*|dostalem|dostalam'] },
  {
    to: '@order-tracking',
    w: 2.5,
    p: [
      'nic nie dostal*',
      'dostarczon*|dostarczone ale|a',
      'oznaczyl* dostarcz*',
      'kiedy przyjdzie|dotrze|dojdzie|dostane zamowien*|paczk*|przesylk*',
      'dalej|nadal|wciaz realizacji|przyjete',
      'zamowien* dalej|nadal',
      'zamowien*|paczk*|przesylk* spozni*|opozni*',
      'wiadomo|wiesci|informacj* zamowien*|paczk*|przesylk*',
      'paczka|zamowienie przyjdzie|dotrze|bedzie dzis*|jutro',
    ],
  },

  // cancel_order
  { to: '@cancel-order', w: 3.5, p: ['anul*|anuluj zamowien*|zakup*|produkt*'] },
  { to: '@cancel-order', w: 1.5, p: ['anul*', 'anuluj', 'wycof*', 'chce|chcialbym|chcialabym anul*'] },
  {
    to: '@cancel-order',
    w: 3,
    p: ['rezygn*|zrezygn* zamowien*|zakup*', 'rozmysl*', 'zmiana decyzji', 'zatrzyma* zamowien*'],
  },
  { to: '@cancel-order', w: 2, p: ['nie potrzebuje', 'juz nie chce'] },
  { to: '@cancel-order', w: -2, p: ['anulowan*'] },

  // returns_refunds
  { to: '@returns-policy', w: 3, p: ['zwroc*', 'zwrac*', 'oddac', 'oddanie', 'odesl*', 'odsyl*'] },
  { to: '@returns-policy', w: 2.5, p: ['zwrot', 'zwrotu', 'zwroty', 'wymian*', 'wymienic'] },
  { to: '@returns-policy', w: 1.5, p: ['zasady zwrot*', 'etykiet* zwrot*', 'dni zwrot*|oddanie'] },
  {
    to: '@refund-timing',
    w: 4,
    p: ['zwrot pieniedzy|srodkow|kasy|karte', 'pieniadz*|pieniedzy|kasa|kase', 'refund'],
  },
  { to: '@refund-timing', w: 1.5, p: ['odzyskac pieniadze', 'kiedy oddacie|zwrocicie', 'gdzie pieniadz*'] },
  {
    to: '@damaged-item',
    w: 3,
    p: [
      'uszkodz*',
      'pekniet*',
      'zgniecion*',
      'rozbit*',
      'stluczon*',
      'zly|zla|niewlasciw*|inny produkt|rozmiar|model|towar',
      'brak* czesci|elementow|elementu|czesc',
      'przyszedl|przyszla|przyszlo|dotarl* zepsut*|uszkodz*',
    ],
  },
  { to: '@damaged-item', w: 1.5, p: ['zepsut*', 'zly|inny kolor'] },

  // payments_invoices
  { to: '@payment-methods', w: 3, p: ['platnos*', 'platnosc', 'blik*', 'paypal', 'raty', 'rat', 'ratach'] },
  {
    to: '@payment-methods',
    w: 2.5,
    p: ['zaplac*', 'placic', '=place', 'gotowk*', 'pobraniem', 'pobranie', 'odrzuca*'],
  },
  {
    to: '@payment-methods',
    w: 2,
    p: ['karta kredytow*', 'google|apple pay', 'przy odbiorze', 'nie przeszla'],
  },
  { to: '@invoice-download', w: 4, p: ['faktur*', 'paragon*', 'rachun*'] },
  { to: '@invoice-download', w: 2.5, p: ['nip*', 'vat', 'pdf'] },

  // shipping_delivery
  {
    to: '@shipping-times',
    w: 3.5,
    p: [
      'czas dostawy|wysylki|dostarczenia',
      'ile trwa|czeka dostawa|wysylka|dostarczenie',
      'jak szybko',
      'dostarcza*|dowozi*|wysylacie|wysylka* weekend*|sobot*|niedziel*|swiet*',
    ],
  },
  {
    to: '@shipping-times',
    w: 2.5,
    p: [
      'odbior sklep*|osobisty',
      'dni robocze',
      'nastepnego dnia',
      'zamowie|zamowic dzis*|teraz|dzisiaj',
      'kiedy dotrze|dojdzie|przyjdzie',
      'dostarczacie',
    ],
  },
  { to: '@shipping-times', w: 1, p: ['dostaw*', 'wysylk*', 'ekspres*'] },
  {
    to: '@shipping-costs',
    w: 3.5,
    p: [
      'koszt* dostaw*|wysylk*|przesylk*',
      'ile kosztuje|kosztuja dostaw*|wysylk*|przesylk*',
      'darmow* dostaw*|wysylk*',
      'oplat* dostaw*|wysylk*',
      'od jakiej kwoty',
      'za darmo',
      'policzy*|placi*|zaplaci* dostaw*|wysylk*',
      'minimaln* kwot*',
    ],
  },

  // account_details
  {
    to: '@update-contact-details',
    w: 3.5,
    p: [
      'zmien*|zmiana|zmianie|zaktualizuj*|zaktualizow*|aktualizac*|edyt*|popraw*|nowy|nowego email*|mail*|numer*|adres*|dane|danych|nazwisk*',
      'przeprowadz*',
      'dane osobowe',
      'zly email|adres|numer',
      'profil*',
    ],
  },
  { to: '@update-contact-details', w: 1.5, p: ['adres*', 'email', 'mail', 'zmien* telefon*'] },
  {
    to: '@delete-account',
    w: 4,
    p: [
      'usun*|usuniec*|zamkn*|zamknie*|likwid*|skasow*|dezaktyw* konto|konta|kontem',
      'likwidacja konta',
      'usun* dane|danych',
    ],
  },

  // subscription
  {
    to: '@subscription-cancel',
    w: 3.5,
    p: ['alpha plus', 'subskrypc*', 'czlonkostw*', 'abonament*', 'oplat* miesieczn*'],
  },
  { to: '@subscription-cancel', w: 2, p: ['plus', 'zawiesi*', 'odnawia*', 'miesieczn*'] },

  // human_agent
  { to: 'human_agent', w: 2.5, p: ['konsultant*', 'czlowiek*', 'pracownik*', 'osob*'] },
  { to: 'human_agent', w: 2, max: 3, p: ['konsultant', 'czlowiek', 'czlowieka', 'operator'] },
  {
    to: 'human_agent',
    w: 2,
    p: [
      'rozmawiac|porozmawiac|pogadac|polacz* kims|konsultant*|czlowiek*|osob*',
      'zyw* osob*|czlowiek*|konsultant*',
      'prawdziw* konsultant*|czlowiek*|osob*',
      'nie chce bota|robota|automatu',
      'z kims',
      'ktos obsluz*|pomoze|odpisze',
      'kogos prawdziw*|zywego',
      'bot nie pomaga',
    ],
  },

  // complaint ("reklamacja" is a warranty claim in Polish, not a complaint: see @warranty)
  {
    to: 'complaint',
    w: 4,
    p: [
      'skarg*',
      'niezadowolon*',
      'skandal*',
      'najgorsz*',
      'fatal*',
      'beznadziej*',
      'porazk*',
      'zenad*',
      'kpina',
      'uokik',
      'oszust*',
      'olewa*',
    ],
  },
  { to: 'complaint', w: 3, p: ['wstyd', 'tragedi*', 'tragiczn*', 'masakra', 'dramat', 'cyrk'] },
  { to: 'complaint', w: 4, p: ['wsciek*', 'wkurz*', 'pozalowania'] },
  {
    to: 'complaint',
    w: 2,
    p: [
      'nikt nie odpowiada|pomaga|odpisuje',
      'nigdy wiecej',
      'zart',
      'rzecznik konsument*',
      'bardzo zly|zla',
    ],
  },

  // link_account
  {
    to: 'link_account',
    w: 3.5,
    p: [
      'polacz*|powiaz*|scal*|dodac konto|konta|kontem|czat*|telegram*|whatsapp*|messenger*|komunikator*|histori*',
      'polaczone czaty',
    ],
  },

  // faq
  {
    to: '@store-hours',
    w: 3.5,
    p: [
      'godzin* otwarcia',
      'do|od ktorej otwart*|czynn*|otwieracie|zamykacie',
      'do|od ktorej',
      'otwarte|otwarci|otwarty|czynne|czynny niedziel*|sobot*|swiet*|dzis*|dzisiaj|teraz',
    ],
  },
  { to: '@store-hours', w: 2, p: ['otwarte', 'otwarci', 'czynne', 'zamykacie', 'otwieracie', 'niedziel*'] },
  {
    to: '@store-locations',
    w: 3.5,
    p: ['najblizsz* sklep*', 'adres sklep*', 'gdzie sklep*|jestescie', 'parking*', 'lokalizac*'],
  },
  { to: '@store-locations', w: 1.5, p: ['sklep*', 'stacjonarn*', 'mapa', 'mapie'] },
  {
    to: '@warranty',
    w: 4,
    p: [
      'gwaranc*',
      'reklamac*',
      'napraw*',
      'usterk*',
      'serwis*',
      'przestal* dzialac',
      'zepsul* sie',
      'wadliw*',
    ],
  },
  { to: '@warranty', w: 2, p: ['nie dziala', 'zepsul*', 'popsul*', 'po roku|latach|miesiacach', 'bateri*'] },
  { to: '@device-setup-wifi', w: 4, p: ['wifi', 'wi fi', 'router*', 'parowan*', 'sparowac'] },
  {
    to: '@device-setup-wifi',
    w: 2,
    p: [
      'konfigur*|podlacz*|polacz*|ustawi* kamer*|gniazd*|glosnik*|telewizor*|urzadzen*|zarowk*',
      'nie laczy',
      '=smart',
    ],
  },
  { to: '@gift-cards', w: 4, p: ['podarunk*', 'voucher*', 'bon', 'bonu', 'bony', 'gift card', 'e karta'] },
  { to: '@gift-cards', w: 2, p: ['prezent*', 'saldo', 'doladow*'] },
  {
    to: '@data-privacy',
    w: 4,
    p: ['prywatnos*', 'rodo', 'ochrona|ochrony danych', 'marketing*', 'newsletter*', 'reklamow*', 'wypisa*'],
  },
  {
    to: '@data-privacy',
    w: 2.5,
    p: ['dane osobowe', 'moje dane', 'kopi* danych', 'histori* rozmow|czatu', 'powiadomie*', 'spam'],
  },
  {
    to: '@contact-options',
    w: 3.5,
    p: [
      'kontakt*',
      'skontaktow*',
      'infolini*',
      'telefon*|numer do was|infolini*',
      'email|mail obslug*',
      'godzin* konsultan*|czat*|infolini*|obslug*',
      'pracuja konsultan*',
    ],
  },
  { to: '@contact-options', w: 1.5, p: ['telefon*', 'obsluga klienta', 'obslugi klienta'] },
];
