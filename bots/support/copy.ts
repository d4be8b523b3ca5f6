import type { Language } from '../../shared/domain/channel.ts';

/** Everything the bot says, in each language it speaks. Hours and policies match the help centre. */
export interface BotCopy {
  greeting: (name: string | undefined) => string;
  menuPrompt: string;
  notUnderstood: string;
  unreadableContent: string;
  passwordReset: string;
  orderStatus: string;
  handoff: string;
  languageChanged: string;
  buttons: { passwordReset: string; orderStatus: string; human: string; menu: string };
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
    buttons: {
      passwordReset: 'Reset my password',
      orderStatus: 'Where is my order?',
      human: 'Talk to a person',
      menu: 'Main menu',
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
    buttons: {
      passwordReset: 'Redefinir senha',
      orderStatus: 'Onde está meu pedido?',
      human: 'Falar com uma pessoa',
      menu: 'Menu principal',
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
    buttons: {
      passwordReset: 'Zresetuj hasło',
      orderStatus: 'Gdzie jest moje zamówienie?',
      human: 'Rozmowa z konsultantem',
      menu: 'Menu główne',
    },
  },
};
