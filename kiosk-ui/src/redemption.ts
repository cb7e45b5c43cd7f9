// The gift buttons' calls to the agent. A refused step or an expired session needs no handling
// here: the agent shows the reason (or has already moved on) on the screen stream.
import type { Client } from "@connectrpc/connect";
import type { GiftRedemption, KioskUi } from "./gen/kiosk/v1/kiosk_ui_pb";
import type { RedemptionActions } from "./gifts";

export class RedemptionClient implements RedemptionActions {
  constructor(
    private readonly client: Client<typeof GiftRedemption>,
    private readonly ui: Client<typeof KioskUi>,
  ) {}

  async printStatement(sessionId: string): Promise<void> {
    await this.ui.printStatement({ sessionId });
  }

  async openGifts(sessionId: string): Promise<void> {
    await this.client.openGifts({ sessionId });
  }

  async chooseGift(sessionId: string, giftCode: string): Promise<void> {
    await this.client.chooseGift({ sessionId, giftCode });
  }

  async confirm(sessionId: string, giftCode: string): Promise<void> {
    await this.client.confirmRedemption({ sessionId, giftCode });
  }

  async leave(sessionId: string, finish: boolean): Promise<void> {
    await this.client.leaveGifts({ sessionId, finish });
  }
}
