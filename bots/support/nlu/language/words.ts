import type { Language } from '../../../../shared/domain/channel.ts';

/**
 * Words that tell the three languages apart, in folded form (no diacritics, lowercase), as people type
 * them on phones: function words, greetings, chat slang, and frequent words typed without diacritics
 * ("nao", "sie", "moge"). `word:2` weighs a word double; words two languages share ("na", "to", "do")
 * get a low weight in both so they cancel out.
 */
const WORDS: Readonly<Record<Language, string>> = {
  en: `
    the:2 and:1.5 is:1.5 are:1.5 was:1.5 were:1.5 be:1 been:2 am:1 my:2 mine:1.5 i:0.5 you:2 your:2 ur:1.5
    u:1 it:1 its:1.5 of:1 to:0.4 for:1.5 from:1.5 with:1.5 about:2 at:1 on:1 in:0.3 an:0.6 or:1 but:1.5
    if:1.5 so:0.5 than:1.5 then:1.5 this:2 that:2 these:2 those:2 there:1.5 here:1.5 can:1.5 cant:2
    could:2 would:2 should:2 will:1.5 wont:2 do:0.3 does:2 did:2 dont:2 doesnt:2 didnt:2 not:1 yes:1
    how:2 where:2 wheres:2 what:2 whats:2 when:2 why:2 who:1.5 which:2 please:2 pls:1.5 plz:1.5
    thanks:2 thank:2 thx:2 ty:1 hi:1.5 hello:2 hey:1 bye:1.5 cheers:1.5 im:1.5 ive:2 ill:1 id:0.5
    have:2 has:1.5 had:1.5 get:1.5 got:1.5 still:1.5 yet:1.5 just:1.5 want:2 wanna:2 need:2 know:2
    already:2 again:2 some:1.5 any:1.5 anyone:2 someone:2 all:1 only:1.5 one:0.5 more:1.5 much:2 many:2
    long:1 did:2 said:2 says:2 tell:2 help:1.5 order:1 ordered:1.5 my:2 me:0.4 we:1.5 our:2 they:2
    them:2 their:2 he:1 she:1.5 his:1.5 her:1 us:1 out:1.5 up:1 off:1 after:2 before:2 today:2
    tomorrow:2 yesterday:2 week:1.5 days:1.5 ago:2 money:1.5 back:1.5 item:1 package:1.5 parcel:1.5
    delivery:1 shipping:1.5 refund:1.5 account:1 password:1.5 cancel:1 return:1 good:1.5 morning:2
    evening:2 afternoon:2 ok:0.3 okay:1 lol:1 mate:1.5 guys:1.5 people:1.5 sorry:1.5 it:1 again:2
  `,
  pt: `
    o:0.4 a:0.3 os:1 as:0.5 de:1 da:1 do:0.3 dos:1.5 das:1.5 que:2 e:0.5 nao:2.5 um:1.5 uma:2 meu:2.5
    minha:2.5 meus:2 minhas:2 seu:1.5 sua:1.5 seus:1.5 para:1.5 pra:2 pro:1.5 por:1.5 com:1.5 como:2
    quando:2 onde:2 cade:2.5 qual:2 quais:2 quanto:2 quanta:2 quantos:2 quero:2.5 queria:2 gostaria:2.5
    preciso:2 pode:2 posso:2 podem:2 consigo:2.5 consegui:2.5 tem:1.5 tenho:2 ta:1 to:0.3 esta:1.5
    estou:2 ja:1 ainda:2 mais:1.5 muito:2 muita:2 obrigado:2.5 obrigada:2.5 brigado:2 brigada:2 oi:2
    oie:2 ola:2 bom:1.5 boa:1.5 dia:1 tarde:1.5 noite:2 tchau:2.5 vc:2.5 vcs:2.5 voce:2.5 voces:2.5
    q:1 pq:2 porque:2 tb:2 tbm:2 tambem:2 isso:2 esse:1.5 essa:1.5 este:1 ele:1 ela:1 eles:1.5 no:0.3
    na:0.3 nos:1 nas:1 ao:1.5 aos:1.5 foi:2 fiz:2 vou:2 vai:2 vao:2 sim:1.5 nada:1.5 so:0.3 pelo:2
    pela:2 aqui:2 ai:1 agora:2 hoje:2 ontem:2 amanha:2 favor:2 pfv:2 pfvr:2 vlw:2.5 valeu:2.5 blz:2
    beleza:2 kkk:2 kk:1.5 rs:1 rsrs:2 ate:1.5 depois:2 entao:2 sem:1.5 mas:1.5 ou:1.5 se:0.5 eu:2
    me:0.4 te:1 lhe:2 nem:2 fazer:2 faco:2 consegue:2 chegou:2 chega:2 pedido:1.5 compra:1.5 entrega:1
    senha:1.5 conta:1 tudo:2 bem:1.5 certo:1.5 gente:2 moca:1 moco:1 galera:2 falou:1.5 oii:2 dinheiro:1.5 favor:2
  `,
  pl: `
    i:0.5 w:1.5 z:1.5 na:0.5 sie:3 nie:3 jest:2.5 sa:1.5 to:0.3 co:1.5 jak:2.5 moj:2 moja:2.5 moje:2.5
    mojego:2.5 mojej:2.5 moim:2.5 mnie:2.5 mi:1 czy:3 do:0.3 ze:1.5 ale:1.5 juz:2 jeszcze:2.5 gdzie:3
    kiedy:3 ile:2 dlaczego:3 czemu:2 prosze:3 prosza:2 dziekuje:3 dzieki:3 dziena:2 dzien:2 dobry:2
    czesc:3 hej:1 siema:3 siemka:3 witam:3 pa:1 tak:1.5 nic:2 bo:1 od:1.5 po:1 przez:2 dla:2 mam:2
    masz:2 moge:3 mozna:3 moze:2 chce:3 chcialem:3 chcialam:3 chcialbym:3 chcialabym:3 zeby:2.5 nr:1
    byl:2 byla:2 bylo:2 tego:2 ten:1.5 ta:0.3 tej:2 tu:1.5 tam:1.5 wiem:2.5 nadal:2.5 dalej:2 jakies:2
    jaki:2 jaka:2 jakie:2 jakis:2 zamowienie:2 zamowienia:2 paczka:2 paczki:2 paczke:2 haslo:2 konto:1.5
    hejka:3 hejo:2 wy:1.5 was:0.4 wam:2 wasz:2 wasze:2 waszej:2 panstwa:2 pan:1 pani:2 prosba:2 dzisiaj:2 dzis:2 jutro:2
    wczoraj:2 tydzien:2 temu:2 teraz:2 trzeba:2 musze:2.5 potrzebuje:2.5 dostac:2 dostalem:2.5
    dostalam:2.5 zrobic:2 jestem:2.5 jestescie:2.5 wszystko:2 bardzo:2 super:0.5 ok:0.3 xd:1.5 pls:0.5
    zamowilem:2.5 zamowilam:2.5 przyszla:2 przyszedl:2 doszla:2 moze:2 albo:2 lub:2 oraz:2 sobie:2
  `,
};

export type WordWeights = ReadonlyMap<string, Readonly<Partial<Record<Language, number>>>>;

function parse(): WordWeights {
  const map = new Map<string, Partial<Record<Language, number>>>();
  for (const [language, list] of Object.entries(WORDS) as Array<[Language, string]>) {
    for (const entry of list.split(/\s+/)) {
      if (!entry) continue;
      const [word = '', weight = '1'] = entry.split(':');
      const weights = map.get(word) ?? {};
      weights[language] = Math.max(weights[language] ?? 0, Number(weight));
      map.set(word, weights);
    }
  }
  return map;
}

export const LANGUAGE_WORDS: WordWeights = parse();
