// The draw screens' calls to the agent (DrawService; StaffService to go back to the staff home). A
// refusal (no staff session, a step out of order) changes nothing; the screens show what the agent
// holds on the screen stream.
import type { Client } from "@connectrpc/connect";
import type { CreateDrawInput } from "./drawsetupmodel";
import type { DrawSetupActions } from "./drawsetup";
import { DrawPoolMode, type DrawService } from "./gen/kiosk/v1/draws_pb";
import type { StaffService } from "./gen/kiosk/v1/staff_pb";
import type { DrawActions } from "./drawstage";

export class DrawClient implements DrawActions, DrawSetupActions {
  constructor(
    private readonly client: Client<typeof DrawService>,
    private readonly staff?: Client<typeof StaffService>,
  ) {}

  async create(input: CreateDrawInput): Promise<void> {
    await this.client.createDraw({
      drawId: input.drawId,
      title: input.title,
      type: input.type,
      poolMode: input.poolMode === "check_ins" ? DrawPoolMode.CHECK_INS : DrawPoolMode.TAP_TO_JOIN,
      activityId: input.activityId,
      tiers: input.tiers,
    });
  }

  async show(drawId: string): Promise<void> {
    await this.client.showDraw({ drawId });
  }

  async openSetup(): Promise<void> {
    await this.client.openDrawSetup({});
  }

  async home(): Promise<void> {
    await this.staff?.showStaffHome({});
  }

  async freeze(drawId: string): Promise<void> {
    await this.client.freezePool({ drawId });
  }

  async commit(drawId: string): Promise<void> {
    await this.client.commit({ drawId });
  }

  async contribute(drawId: string, contribution: string): Promise<void> {
    await this.client.addContribution({ drawId, contribution });
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
