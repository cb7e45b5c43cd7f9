// The agent's codes (refusal reasons, gift reasons, step notices, print states) as messages. A code
// this UI does not know shows the agent's own words for it, as sent.
import { msg, type MessageKey, type Msg } from "./messages";

const REFUSALS = new Set([
  "card_unknown", "card_expired", "card_lost", "card_frozen", "card_cancelled", "card_replaced",
  "card_state_unknown", "journal_unavailable", "member_data_unavailable", "qr_unknown", "qr_voucher_staff_only",
]);

const raw = (text: string): Msg | undefined => (text.trim() === "" ? undefined : msg("raw", { text }));

/** Why a tap was refused (RefusalView.reason_code). */
export function refusal(code: string, agentText: string): Msg {
  if (REFUSALS.has(code)) return msg(`refusal.${code}` as MessageKey & `refusal.${string}`);
  if (code.startsWith("card_read_")) return msg("refusal.read");
  if (code.startsWith("card_identity_")) return msg("refusal.identity");
  if (code.startsWith("qr_")) return msg("refusal.qr");
  return raw(agentText) ?? msg("refusal.generic");
}

/** Central's reason for rejecting a redemption, as a clause inside the notice sentence. */
export function rejection(code: string): Msg {
  switch (code) {
    case "points_insufficient":
    case "gift_out_of_stock":
    case "gift_member_limit":
    case "gift_inactive":
    case "member_unknown":
      return msg(`rejection.${code}`);
    case "gift_unknown":
      return msg("rejection.gift_inactive");
    case "card_invalid":
      return msg("rejection.member_unknown");
    case "":
      return msg("rejection.none");
    default:
      return msg("raw", { text: code });
  }
}

/** Why a gift cannot be chosen now (GiftOption.reason_code). */
export function giftReason(code: string, agentText: string, limit: number): Msg | undefined {
  switch (code) {
    case "points_insufficient":
    case "gift_out_of_stock":
    case "gift_inactive":
    case "offline_limit":
    case "offline_refused":
      return msg(`gift.${code}`);
    case "gift_member_limit":
      return limit > 0 ? msg("gift.gift_member_limit", { limit }) : raw(agentText);
    default:
      return raw(agentText);
  }
}

/** Why the last step on the gift screens did not go ahead (GiftListView.notice_code). */
export function stepNotice(code: string, agentText: string): Msg | undefined {
  switch (code) {
    case "gift_unknown":
    case "journal_unavailable":
    case "redemption_disabled":
      return msg(`step.${code}`);
    case "":
      return raw(agentText);
    default:
      return giftReason(code, "", 0) ?? raw(agentText) ?? msg("step.unavailable");
  }
}

/** What the printer's reason code means to a member. */
export function printerProblem(reason: string): Msg {
  switch (reason) {
    case "paper_end":
      return msg("printer.paper_end");
    case "cover_open":
      return msg("printer.cover_open");
    case "offline":
    case "not_connected":
    case "no_status_reply":
      return msg("printer.offline");
    default:
      return msg("printer.fault");
  }
}
