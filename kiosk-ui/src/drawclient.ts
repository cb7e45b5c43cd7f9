// The draw stage's calls to the agent (DrawService). A refusal (no staff session, a step out of
// order) changes nothing; the stage shows what the agent holds on the screen stream.
import type { Client } from "@connectrpc/connect";
import type { DrawService } from "./gen/kiosk/v1/draws_pb";
import type { DrawActions } from "./drawstage";

export class DrawClient implements DrawActions {
  constructor(private readonly client: Client<typeof DrawService>) {}

  async freeze(drawId: string): Promise<void> {
    await this.client.freezePool({ drawId });
  }

  async commit(drawId: string): Promise<void> {
    await this.client.commit({ drawId });
  }

  async draw(drawId: string): Promise<void> {
    await this.client.draw({ drawId });
  }

  async claimed(drawId: string, tier: number, entrantId: string): Promise<void> {
    await this.client.markClaimed({ drawId, tier, entrantId });
  }

  async absent(drawId: string, tier: number, entrantId: string): Promise<void> {
    await this.client.replaceWinner({ drawId, tier, entrantId, reason: "absent" });
  }

  async print(drawId: string): Promise<void> {
    await this.client.printRecord({ drawId });
  }

  async lock(drawId: string): Promise<void> {
    await this.client.lock({ drawId });
  }
}
