// The check-in buttons' calls to the agent (CheckInService). A refused call needs no handling here:
// the agent keeps the screen as it is, or shows why.
import type { Client } from "@connectrpc/connect";
import type { CheckInActions } from "./checkin";
import type { CheckInService } from "./gen/kiosk/v1/checkin_pb";

export class CheckInClient implements CheckInActions {
  constructor(private readonly client: Client<typeof CheckInService>) {}

  async open(activityId: string): Promise<void> {
    await this.client.openActivity({ activityId });
  }

  async close(): Promise<void> {
    await this.client.closeActivity({});
  }

  async leave(): Promise<void> {
    await this.client.leaveCheckIn({});
  }
}
