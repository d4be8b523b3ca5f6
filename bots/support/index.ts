import type { SupportBot, TurnOutcome } from '../../shared/domain/bot-turn.ts';
import { storedTurnOutcome, TurnRecordingStateStorage } from '../../shared/store/bot-state.ts';
import type { TableRef } from '../../shared/store/dynamo.ts';
import { type BotServices, conversationStateKey, runSupportTurn } from './agent-adapter.ts';
import { createBotServices } from './services.ts';

/** The support bot with its state in the conversation table. */
export function createSupportBot(
  table: TableRef,
  services: BotServices = createBotServices(table),
): SupportBot {
  return {
    storedOutcome: (conversationId, eventId) =>
      storedTurnOutcome<TurnOutcome>(table, conversationStateKey(conversationId), eventId),
    runTurn: (request) =>
      runSupportTurn(
        request,
        new TurnRecordingStateStorage<TurnOutcome>(table, conversationStateKey(request.conversationId)),
        services,
      ),
  };
}
