import type { Language } from '../../../shared/domain/channel.ts';

/**
 * Every customer-facing string of the password-reset flow, per language: the chat replies, the
 * message that carries the link, and the page the link opens. None reveals whether an account
 * exists, and none asks for a password.
 */
export interface ResetCopy {
  readonly replies: {
    /** Asks which registered e-mail or phone to use, and warns not to send the password. */
    readonly askForAccount: string;
    /** The one reply for known and unknown accounts alike. */
    readonly sent: string;
    readonly rateLimited: string;
  };
  readonly link: {
    readonly emailSubject: string;
    readonly email: (link: string) => string;
    /**
     * Written in the GSM-7 alphabet (no ł, ã, ú…), as transactional SMS usually are, so it costs
     * two segments with the link instead of four in UCS-2.
     */
    readonly sms: (link: string) => string;
  };
  readonly page: {
    readonly validTitle: string;
    readonly validBody: string;
    /** Said for an expired, used or unknown link alike. */
    readonly invalidTitle: string;
    readonly invalidBody: string;
  };
}

export const RESET_COPY: Record<Language, ResetCopy> = {
  en: {
    replies: {
      askForAccount:
        "Which e-mail address or phone number is your Alpha account registered with? Please don't send your password: I'll never ask for it.",
      sent: "If an account matches what you sent, we've sent a one-time link to the e-mail address or phone registered on it. It's valid for 30 minutes. I'll never ask for your password here.",
      rateLimited:
        'You\'ve asked for several reset links in a short time. For your security, please try again in an hour, or tap "Forgot password?" on the sign-in screen.',
    },
    link: {
      emailSubject: 'Reset your Alpha password',
      email: (link) =>
        `Hello,\n\nWe received a request to reset the password of your Alpha account. To choose a new password, open this link within 30 minutes:\n\n${link}\n\nThe link works once. If you didn't ask for this, ignore this message: your password stays the same. Alpha will never ask for your password in a chat.`,
      sms: (link) => `Alpha: your password reset link (valid 30 min, works once): ${link}`,
    },
    page: {
      validTitle: 'Choose a new password',
      validBody:
        'Your link is valid. Choose a new password for your Alpha account. (Demo: no password is stored here; this link has now been used and will not work again.)',
      invalidTitle: 'This link is no longer valid',
      invalidBody:
        'Reset links work once and for 30 minutes. Ask for a new one in the chat, or tap "Forgot password?" on the sign-in screen.',
    },
  },
  pt: {
    replies: {
      askForAccount:
        'Qual é o e-mail ou telefone cadastrado na sua conta Alpha? Por favor, não envie sua senha: eu nunca vou pedi-la.',
      sent: 'Se houver uma conta com esses dados, enviamos um link de uso único para o e-mail ou telefone cadastrado nela. Ele vale por 30 minutos. Eu nunca vou pedir sua senha por aqui.',
      rateLimited:
        'Você pediu vários links de redefinição em pouco tempo. Por segurança, tente de novo daqui a uma hora ou toque em "Esqueci minha senha" na tela de login.',
    },
    link: {
      emailSubject: 'Redefina sua senha da Alpha',
      email: (link) =>
        `Olá,\n\nRecebemos um pedido para redefinir a senha da sua conta Alpha. Para escolher uma nova senha, abra este link em até 30 minutos:\n\n${link}\n\nO link só pode ser usado uma vez. Se você não fez esse pedido, ignore esta mensagem: sua senha continua a mesma. A Alpha nunca pede sua senha por chat.`,
      sms: (link) => `Alpha: link para redefinir sua senha (expira em 30 min; use uma vez): ${link}`,
    },
    page: {
      validTitle: 'Escolha uma nova senha',
      validBody:
        'Seu link é válido. Escolha uma nova senha para sua conta Alpha. (Demonstração: nenhuma senha é guardada aqui; este link já foi usado e não funcionará de novo.)',
      invalidTitle: 'Este link não é mais válido',
      invalidBody:
        'Os links de redefinição funcionam uma única vez, por 30 minutos. Peça um novo no chat ou toque em "Esqueci minha senha" na tela de login.',
    },
  },
  pl: {
    replies: {
      askForAccount:
        'Jaki adres e-mail lub numer telefonu jest przypisany do Twojego konta Alpha? Nie wysyłaj hasła: nigdy o nie nie poproszę.',
      sent: 'Jeśli te dane pasują do konta, wysłaliśmy jednorazowy link na zarejestrowany w nim adres e-mail lub numer telefonu. Link jest ważny 30 minut. Nigdy nie poproszę Cię tutaj o hasło.',
      rateLimited:
        'W krótkim czasie poproszono o kilka linków do resetowania hasła. Ze względów bezpieczeństwa spróbuj ponownie za godzinę albo wybierz „Nie pamiętasz hasła?” na ekranie logowania.',
    },
    link: {
      emailSubject: 'Zresetuj hasło do konta Alpha',
      email: (link) =>
        `Dzień dobry,\n\notrzymaliśmy prośbę o zresetowanie hasła do Twojego konta Alpha. Aby ustawić nowe hasło, otwórz ten link w ciągu 30 minut:\n\n${link}\n\nLink działa tylko raz. Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło się nie zmieni. Alpha nigdy nie prosi o hasło na czacie.`,
      sms: (link) => `Alpha: link do zmiany hasla (wazny 30 min, jednorazowy): ${link}`,
    },
    page: {
      validTitle: 'Ustaw nowe hasło',
      validBody:
        'Twój link jest ważny. Ustaw nowe hasło do konta Alpha. (Wersja demonstracyjna: żadne hasło nie jest tu zapisywane; ten link został już wykorzystany i nie zadziała ponownie.)',
      invalidTitle: 'Ten link jest już nieważny',
      invalidBody:
        'Linki do resetowania hasła działają tylko raz i przez 30 minut. Poproś o nowy na czacie albo wybierz „Nie pamiętasz hasła?” na ekranie logowania.',
    },
  },
};
