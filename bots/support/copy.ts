import type { Language } from '../../shared/domain/channel.ts';

/**
 * The message catalogue: everything the bot says, in each language it speaks. No customer-facing
 * string lives anywhere else. Hours and policies match the help centre.
 */
export interface BotCopy {
  greeting: (name: string | undefined) => string;
  menuPrompt: string;
  notUnderstood: string;
  unreadableContent: string;
  passwordReset: string;
  orderStatus: string;
  handoff: string;
  languageChanged: string;
  askAccountHint: string;
  resetLinkSent: string;
  resetRateLimited: string;
  neverSharePasswords: string;
  askOrderNumber: string;
  orderNotShareable: string;
  ordersUnavailable: string;
  kbFeedbackQuestion: string;
  kbHelped: string;
  kbNotHelped: string;
  goodbye: string;
  linkAccountHowTo: string;
  linkCodeIssued: (code: string) => string;
  linkDone: string;
  linkInvalid: string;
  /** Cancelling is the customer's decision: always confirmed with a tap first. */
  confirmCancel: (orderNumber: string) => string;
  cancelKept: string;
  surveyQuestion: string;
  surveyCommentQuestion: string;
  surveyThanks: string;
  /** What happens next after a handoff, with the team's usual wait. */
  handoffWait: (minutes: number) => string;
  buttons: {
    passwordReset: string;
    orderStatus: string;
    human: string;
    menu: string;
    yes: string;
    no: string;
    skip: string;
  };
}

export const COPY: Record<Language, BotCopy> = {
  en: {
    greeting: (name) =>
      `Hi${name ? ` ${name}` : ''}! I'm Alpha's support assistant. How can I help you today?`,
    menuPrompt: 'What can I help you with?',
    notUnderstood: "Sorry, I didn't quite get that. Choose one of the options below, or ask for a person.",
    unreadableContent: 'I can only read text messages for now. Could you describe what you need in words?',
    passwordReset:
      'I\'ll never ask for your password here. To reset it, tap "Forgot password?" on the sign-in screen of the app or website. We\'ll send a one-time link to your registered e-mail or phone; it is valid for 30 minutes.',
    orderStatus:
      'You can follow every order in Account > My orders. The status goes Order received → Processing → Shipped → Delivered, and once it is Shipped you will see the tracking link there too.',
    handoff:
      "I'm passing you to a person from our team. Agents work Mon–Fri 8:00–20:00 and Sat 9:00–15:00; you'll get an answer here, and you don't need to repeat yourself.",
    languageChanged: "Sure, I'll continue in English.",
    askAccountHint:
      "Sure. What's the e-mail address or phone number registered on your Alpha account? Please don't send your password: I'll never ask for it.",
    resetLinkSent:
      "Thanks. If an Alpha account is registered with that address, we've sent a one-time link to it. The link is valid for 30 minutes; open it and choose a new password there, never here.",
    resetRateLimited:
      "We've already sent several reset links in a short time. Please use the latest link you received, or try again in an hour.",
    neverSharePasswords:
      "Please never send passwords or codes in chat: I've hidden what you sent from this conversation. Nobody at Alpha will ever ask for them.",
    askOrderNumber:
      'Of course. What is your order number? It looks like A-123456 and is in your confirmation e-mail.',
    orderNotShareable:
      "For your security I can only share details of orders placed with the phone number or e-mail you're writing from. Check Account > My orders, or ask for a person.",
    ordersUnavailable:
      "I can't reach our order system right now. A person from our team can check it for you.",
    kbFeedbackQuestion: 'Did this answer your question?',
    kbHelped: "Great, I'm glad it helped! Anything else I can do for you?",
    kbNotHelped: "Sorry it didn't help. Would you like to talk to a person?",
    goodbye: "You're welcome! If you need anything else, just write here. Have a great day!",
    linkAccountHowTo:
      'To link your chats: open the Alpha app, go to Account > Connected chats to get a 6-digit code, then send LINK followed by the code here, e.g. LINK 123456.',
    linkCodeIssued: (code) =>
      `Your link code is ${code}. Within 10 minutes, send LINK ${code} from the other chat app you use with us (WhatsApp, Messenger, Telegram or SMS), and we'll keep one history for both.`,
    linkDone: "Done: your chats are linked. Whichever app you write from, we'll see the whole conversation.",
    linkInvalid:
      'That code isn\'t valid any more (codes work once, for 10 minutes). Ask for a new one in your other chat by writing "link my accounts".',
    confirmCancel: (number) => `Do you want to cancel order ${number}? This cannot be undone.`,
    cancelKept: "OK, I haven't changed anything: your order stays as it is.",
    surveyQuestion: 'How would you rate the help you got today, from 1 (poor) to 5 (excellent)?',
    surveyCommentQuestion: 'Thank you! Anything we could do better? Write it here, or tap Skip.',
    surveyThanks: 'Thanks for your feedback. Write here any time you need us.',
    handoffWait: (minutes) =>
      `An agent usually replies within about ${minutes} minutes during working hours (Mon–Fri 8:00–20:00, Sat 9:00–15:00).`,
    buttons: {
      passwordReset: 'Reset my password',
      orderStatus: 'Where is my order?',
      human: 'Talk to a person',
      menu: 'Main menu',
      yes: 'Yes',
      no: 'No',
      skip: 'Skip',
    },
  },
  pt: {
    greeting: (name) =>
      `Olá${name ? `, ${name}` : ''}! Sou o assistente de atendimento da Alpha. Como posso ajudar hoje?`,
    menuPrompt: 'Em que posso ajudar?',
    notUnderstood:
      'Desculpe, não entendi bem. Escolha uma das opções abaixo ou peça para falar com uma pessoa.',
    unreadableContent:
      'Por enquanto só consigo ler mensagens de texto. Pode descrever por escrito o que precisa?',
    passwordReset:
      'Nunca vou pedir a sua senha por aqui. Para redefini-la, toque em "Esqueceu a senha?" na tela de login do app ou do site. Enviaremos um link de uso único para o seu e-mail ou telefone cadastrado, válido por 30 minutos.',
    orderStatus:
      'Você acompanha todos os pedidos em Conta > Meus pedidos. O status segue Pedido recebido → Em processamento → Enviado → Entregue; quando estiver Enviado, o link de rastreio também aparece lá.',
    handoff:
      'Vou transferir você para uma pessoa da nossa equipe. Atendemos de segunda a sexta das 8:00 às 20:00 e aos sábados das 9:00 às 15:00; a resposta chega aqui e você não precisa repetir nada.',
    languageChanged: 'Claro, vou continuar em português.',
    askAccountHint:
      'Claro. Qual é o e-mail ou telefone cadastrado na sua conta Alpha? Não envie a sua senha: eu nunca vou pedi-la.',
    resetLinkSent:
      'Obrigado. Se houver uma conta Alpha cadastrada com esse endereço, enviamos um link de uso único para ele. O link vale por 30 minutos; abra-o e escolha a nova senha lá, nunca aqui.',
    resetRateLimited:
      'Já enviamos vários links de redefinição em pouco tempo. Use o último link que recebeu ou tente de novo daqui a uma hora.',
    neverSharePasswords:
      'Nunca envie senhas ou códigos pelo chat: escondi o que você enviou desta conversa. Ninguém da Alpha vai pedir isso.',
    askOrderNumber:
      'Claro. Qual é o número do pedido? Ele tem o formato A-123456 e está no e-mail de confirmação.',
    orderNotShareable:
      'Por segurança, só posso mostrar detalhes de pedidos feitos com o telefone ou e-mail de onde você está escrevendo. Veja em Conta > Meus pedidos ou peça para falar com uma pessoa.',
    ordersUnavailable:
      'Não consigo acessar o sistema de pedidos agora. Uma pessoa da nossa equipe pode verificar para você.',
    kbFeedbackQuestion: 'Isso respondeu à sua pergunta?',
    kbHelped: 'Que bom que ajudou! Posso ajudar em mais alguma coisa?',
    kbNotHelped: 'Desculpe, isso não ajudou. Quer falar com uma pessoa?',
    goodbye: 'Por nada! Se precisar de algo, é só escrever aqui. Tenha um ótimo dia!',
    linkAccountHowTo:
      'Para conectar os seus chats: no app Alpha, vá em Conta > Chats conectados para obter um código de 6 dígitos e envie aqui LINK seguido do código, por exemplo LINK 123456.',
    linkCodeIssued: (code) =>
      `Seu código de conexão é ${code}. Em até 10 minutos, envie LINK ${code} pelo outro app de chat que você usa conosco (WhatsApp, Messenger, Telegram ou SMS) e manteremos um único histórico.`,
    linkDone:
      'Pronto: seus chats estão conectados. De qualquer app que você escrever, veremos a conversa inteira.',
    linkInvalid:
      'Esse código não é mais válido (cada código funciona uma vez, por 10 minutos). Peça um novo no outro chat escrevendo "conectar minhas contas".',
    confirmCancel: (number) => `Quer mesmo cancelar o pedido ${number}? Isso não pode ser desfeito.`,
    cancelKept: 'Certo, não alterei nada: o seu pedido continua como está.',
    surveyQuestion: 'Como você avalia o atendimento de hoje, de 1 (ruim) a 5 (excelente)?',
    surveyCommentQuestion: 'Obrigado! Algo que poderíamos fazer melhor? Escreva aqui ou toque em Pular.',
    surveyThanks: 'Obrigado pela sua opinião. Escreva aqui sempre que precisar.',
    handoffWait: (minutes) =>
      `Um atendente costuma responder em cerca de ${minutes} minutos no horário de atendimento (seg–sex 8:00–20:00, sáb 9:00–15:00).`,
    buttons: {
      passwordReset: 'Redefinir senha',
      orderStatus: 'Onde está meu pedido?',
      human: 'Falar com uma pessoa',
      menu: 'Menu principal',
      yes: 'Sim',
      no: 'Não',
      skip: 'Pular',
    },
  },
  pl: {
    greeting: (name) =>
      `Cześć${name ? ` ${name}` : ''}! Jestem asystentem obsługi klienta Alpha. W czym mogę dziś pomóc?`,
    menuPrompt: 'W czym mogę pomóc?',
    notUnderstood:
      'Przepraszam, nie do końca rozumiem. Wybierz jedną z opcji poniżej albo poproś o rozmowę z konsultantem.',
    unreadableContent:
      'Na razie czytam tylko wiadomości tekstowe. Czy możesz opisać słowami, czego potrzebujesz?',
    passwordReset:
      'Nigdy nie poproszę tutaj o Twoje hasło. Aby je zresetować, stuknij „Nie pamiętasz hasła?” na ekranie logowania w aplikacji lub na stronie. Wyślemy jednorazowy link na zarejestrowany e-mail lub telefon; jest ważny 30 minut.',
    orderStatus:
      'Każde zamówienie śledzisz w Konto > Moje zamówienia. Status zmienia się: Zamówienie przyjęte → W realizacji → Wysłane → Dostarczone; gdy jest Wysłane, znajdziesz tam też link do śledzenia przesyłki.',
    handoff:
      'Przekazuję Cię do osoby z naszego zespołu. Konsultanci pracują pon.–pt. 8:00–20:00 i w sob. 9:00–15:00; odpowiedź przyjdzie tutaj i nie musisz niczego powtarzać.',
    languageChanged: 'Jasne, będę kontynuować po polsku.',
    askAccountHint:
      'Jasne. Jaki adres e-mail lub numer telefonu jest przypisany do Twojego konta Alpha? Nie wysyłaj hasła: nigdy o nie nie poproszę.',
    resetLinkSent:
      'Dziękuję. Jeśli z tym adresem jest powiązane konto Alpha, wysłaliśmy na niego jednorazowy link. Link jest ważny 30 minut; otwórz go i ustaw nowe hasło tam, nigdy tutaj.',
    resetRateLimited:
      'W krótkim czasie wysłaliśmy już kilka linków do resetu. Użyj ostatniego otrzymanego linku albo spróbuj ponownie za godzinę.',
    neverSharePasswords:
      'Nigdy nie wysyłaj haseł ani kodów na czacie: ukryłem to, co wysłałeś, w tej rozmowie. Nikt z Alpha nigdy o nie nie poprosi.',
    askOrderNumber:
      'Oczywiście. Jaki jest numer zamówienia? Ma postać A-123456 i znajdziesz go w e-mailu z potwierdzeniem.',
    orderNotShareable:
      'Ze względów bezpieczeństwa mogę pokazać szczegóły tylko zamówień złożonych z numeru telefonu lub e-maila, z którego piszesz. Sprawdź Konto > Moje zamówienia albo poproś o konsultanta.',
    ordersUnavailable:
      'Nie mogę teraz połączyć się z systemem zamówień. Konsultant może to dla Ciebie sprawdzić.',
    kbFeedbackQuestion: 'Czy to odpowiada na Twoje pytanie?',
    kbHelped: 'Świetnie, cieszę się, że pomogło! Czy mogę pomóc w czymś jeszcze?',
    kbNotHelped: 'Przykro mi, że to nie pomogło. Czy chcesz porozmawiać z konsultantem?',
    goodbye: 'Nie ma za co! Jeśli będziesz czegoś potrzebować, po prostu napisz tutaj. Miłego dnia!',
    linkAccountHowTo:
      'Aby połączyć czaty: w aplikacji Alpha wejdź w Konto > Połączone czaty, aby otrzymać 6-cyfrowy kod, a potem wyślij tutaj LINK i kod, np. LINK 123456.',
    linkCodeIssued: (code) =>
      `Twój kod połączenia to ${code}. W ciągu 10 minut wyślij LINK ${code} z drugiej aplikacji czatu, której z nami używasz (WhatsApp, Messenger, Telegram lub SMS), a połączymy historię.`,
    linkDone: 'Gotowe: Twoje czaty są połączone. Niezależnie od aplikacji zobaczymy całą rozmowę.',
    linkInvalid:
      'Ten kod jest już nieważny (kod działa raz, przez 10 minut). Poproś o nowy w drugim czacie, pisząc „połącz konta”.',
    confirmCancel: (number) => `Czy na pewno anulować zamówienie ${number}? Tego nie można cofnąć.`,
    cancelKept: 'Dobrze, niczego nie zmieniłem: zamówienie pozostaje bez zmian.',
    surveyQuestion: 'Jak oceniasz dzisiejszą pomoc w skali od 1 (słabo) do 5 (doskonale)?',
    surveyCommentQuestion: 'Dziękujemy! Co moglibyśmy zrobić lepiej? Napisz tutaj albo stuknij Pomiń.',
    surveyThanks: 'Dziękujemy za opinię. Pisz tutaj, kiedy tylko będziesz nas potrzebować.',
    handoffWait: (minutes) =>
      `Konsultant zwykle odpowiada w ciągu około ${minutes} minut w godzinach pracy (pn.–pt. 8:00–20:00, sob. 9:00–15:00).`,
    buttons: {
      passwordReset: 'Zresetuj hasło',
      orderStatus: 'Gdzie jest moje zamówienie?',
      human: 'Rozmowa z konsultantem',
      menu: 'Menu główne',
      yes: 'Tak',
      no: 'Nie',
      skip: 'Pomiń',
    },
  },
};
