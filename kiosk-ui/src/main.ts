// Entry point: connects to the agent that served this page (same origin, gRPC-Web).
import { createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { CheckInClient } from "./checkinclient";
import { KioskController } from "./controller";
import { DrawClient } from "./drawclient";
import { EnrollmentClient } from "./enrollment";
import { CheckInService } from "./gen/kiosk/v1/checkin_pb";
import { DeviceSimulator } from "./gen/kiosk/v1/device_simulator_pb";
import { DrawService } from "./gen/kiosk/v1/draws_pb";
import { GiftRedemption, KioskUi } from "./gen/kiosk/v1/kiosk_ui_pb";
import { RedemptionClient } from "./redemption";
import { StaffClient } from "./staff";
import { StaffService } from "./gen/kiosk/v1/staff_pb";
import "./staff.css";
import "./style.css";
import { DomView } from "./view";
import { VoucherService } from "./gen/kiosk/v1/vouchers_pb";
import { listenForTypedVouchers, VoucherClient } from "./vouchers";

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
const vouchers = new VoucherClient(createClient(VoucherService, transport));
listenForTypedVouchers(vouchers);
const view = new DomView(
  document.getElementById("app")!,
  (card) => controller.tapCard(card),
  new RedemptionClient(createClient(GiftRedemption, transport), createClient(KioskUi, transport)),
  new DrawClient(createClient(DrawService, transport), createClient(StaffService, transport)),
  vouchers,
  new CheckInClient(createClient(CheckInService, transport)),
  new StaffClient(createClient(StaffService, transport)),
  new EnrollmentClient(clients.ui),
);
const controller: KioskController = new KioskController(clients, view);
void controller.start();
