// Entry point: connects to the agent that served this page (same origin, gRPC-Web).
import { createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { KioskController } from "./controller";
import { DeviceSimulator } from "./gen/kiosk/v1/device_simulator_pb";
import { GiftRedemption, KioskUi } from "./gen/kiosk/v1/kiosk_ui_pb";
import { RedemptionClient } from "./redemption";
import { StaffClient } from "./staff";
import { StaffService } from "./gen/kiosk/v1/staff_pb";
import "./staff.css";
import "./style.css";
import { DomView } from "./view";

// A kiosk never shows a browser error: swallow anything that escapes.
window.addEventListener("unhandledrejection", (e) => e.preventDefault());
window.addEventListener("error", (e) => e.preventDefault());
// Touchscreen: no context menu (long press), no dragging of images or text.
window.addEventListener("contextmenu", (e) => e.preventDefault());
window.addEventListener("dragstart", (e) => e.preventDefault());

const transport = createGrpcWebTransport({ baseUrl: window.location.origin });
const clients = {
  ui: createClient(KioskUi, transport),
  simulator: createClient(DeviceSimulator, transport),
};
const view = new DomView(
  document.getElementById("app")!,
  (card) => controller.tapCard(card),
  new RedemptionClient(createClient(GiftRedemption, transport), createClient(KioskUi, transport)),
  new StaffClient(createClient(StaffService, transport)),
);
const controller: KioskController = new KioskController(clients, view);
void controller.start();
