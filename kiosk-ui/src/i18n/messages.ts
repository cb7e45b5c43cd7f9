// Every text the kiosk shows, by key, with the parameters each sentence takes. One catalogue per
// language (zh-CN.ts, en.ts) implements all of them as whole sentences: word order, units and
// punctuation belong to the language, never to the code that calls them.

/** Formats a parameter for the catalogue's own locale (Intl). */
export interface Formats {
  /** 12345 -> "12,345". */
  int(n: bigint | number): string;
  /** Minor units (fen) and ISO currency -> "¥1,234.50". */
  money(minor: bigint, currency: string): string;
  /** "2026-12-31" (a calendar day) -> "2026年12月31日" / "31 Dec 2026". */
  day(isoDay: string): string;
  /** An instant, in local time, day and time. */
  dateTime(d: Date): string;
  /** The header clock's date. */
  clockDate(d: Date): string;
  /** The header clock's time, 24 h. */
  clockTime(d: Date): string;
}

export interface Messages {
  /** Text that arrives as it is to be shown: the agent's words for a code this UI does not know. */
  "raw": { text: string };
  "brand": {};
  "staff.loginTitle": {};
  "staff.pinWrong": {};
  "staff.locked": { seconds: number };
  "staff.clear": {};
  "staff.enter": {};
  "staff.cancel": {};
  "staff.homeTitle": { name: string };
  "staff.logout": {};
  "staff.feature.check_in": {};
  "staff.feature.draw": {};
  "staff.feature.vouchers": {};
  "staff.notReady": {};
  "kiosk.line": { id: string; version: string };
  "connection.connecting": {};
  "connection.online": {};
  "connection.reconnecting": {};
  "offline.asOf": { at: Date };
  "offline.noData": {};
  "demo.title": {};

  "idle.welcome": {};
  "idle.prompt": {};
  "idle.hint": {};
  "idle.qrHint": {};
  "idle.dimmed": {};

  "member.welcome": {};
  "member.balance": {};
  "member.points": {};
  "member.level": {};
  "member.card": {};
  "member.birthday": {};
  "member.progress": { points: bigint; next: string };
  "member.topLevel": {};
  "member.expiringOn": { points: bigint; day: string };
  "member.expiringSoon": { points: bigint };
  "member.checking": {};
  "member.live": {};
  "member.asOf": { at: Date };
  "member.cached": {};
  "member.redeem": {};
  "member.notice": { gift: string; at: Date; reasonCode: string; points: bigint };

  "refusal.card_unknown": {};
  "refusal.card_expired": {};
  "refusal.card_lost": {};
  "refusal.card_frozen": {};
  "refusal.card_cancelled": {};
  "refusal.card_replaced": {};
  "refusal.card_state_unknown": {};
  "refusal.journal_unavailable": {};
  "refusal.member_data_unavailable": {};
  "refusal.qr_unknown": {};
  "refusal.qr_voucher_staff_only": {};
  "refusal.qr": {};
  "refusal.read": {};
  "refusal.identity": {};
  "refusal.generic": {};
  "refusal.help": {};

  "countdown": { seconds: number };

  "rejection.points_insufficient": {};
  "rejection.gift_out_of_stock": {};
  "rejection.gift_member_limit": {};
  "rejection.gift_inactive": {};
  "rejection.member_unknown": {};
  "rejection.none": {};

  "gifts.title": {};
  "gifts.available": {};
  "gifts.pointsUnit": {};
  "gifts.stock": { n: bigint };
  "gifts.empty": {};
  "gifts.back": {};
  "gifts.prev": {};
  "gifts.next": {};
  "gifts.offline": {};
  "gift.points_insufficient": {};
  "gift.gift_out_of_stock": {};
  "gift.gift_member_limit": { limit: number };
  "gift.gift_inactive": {};
  "gift.offline_limit": {};
  "gift.offline_refused": {};
  "step.gift_unknown": {};
  "step.journal_unavailable": {};
  "step.redemption_disabled": {};
  "step.unavailable": {};

  "confirm.title": {};
  "confirm.before": {};
  "confirm.after": {};
  "confirm.back": {};
  "confirm.ok": {};

  "done.title": {};
  "done.spent": {};
  "done.left": {};
  "done.voucher": {};
  "done.finish": {};
  "print.printing": {};
  "print.printed": {};
  "print.queued": { problem: Msg; code: string };
  "print.failed": { code: string };
  "statement.print": {};
  "statement.printing": {};
  "statement.printed": {};
  "statement.queued": { problem: Msg };
  "statement.noPrinter": {};
  "statement.failed": {};
  "printer.paper_end": {};
  "printer.cover_open": {};
  "printer.offline": {};
  "printer.fault": {};

  "draw.title": {};
  "draw.state.joining": {};
  "draw.state.frozen": {};
  "draw.state.committed": {};
  "draw.state.contributed": {};
  "draw.state.drawn": {};
  "draw.state.locked": {};
  "draw.entrants": { count: number };
  "draw.commitment": {};
  "draw.verifyHint": {};
  "draw.joined": { code: string };
  "draw.refused.joining_closed": {};
  "draw.refused.not_a_member": {};
  "draw.refused.card_refused": {};
  "draw.refused.earlier_winner": {};
  "draw.refused.staff": {};
  "draw.refused.other": {};
  "draw.status.claimed": {};
  "draw.status.replaced_absent": {};
  "draw.status.replaced_disqualified": {};
  "draw.action.freeze": {};
  "draw.action.commit": {};
  "draw.action.draw": {};
  "draw.action.claimed": {};
  "draw.action.absent": {};
  "draw.action.print": {};
  "draw.action.lock": {};
  "draw.rank": { rank: number };
  "draw.seed": {};
  "drawSetup.title": {};
  "drawSetup.back": {};
  "drawSetup.pool": {};
  "drawSetup.tapToJoin": {};
  "drawSetup.joinTitle": {};
  "drawSetup.type": {};
  "drawSetup.type.winners": {};
  "drawSetup.type.order": {};
  "drawSetup.tiers": {};
  "drawSetup.tier.1": {};
  "drawSetup.tier.2": {};
  "drawSetup.tier.3": {};
  "drawSetup.addTier": {};
  "drawSetup.today": {};
  "drawSetup.noDraws": {};
  "drawSetup.reopen": {};
  "drawSetup.create": {};
  "drawSetup.failed": { reason: string };
  "drawSetup.emptyPool": {};
  "draw.contribution": {};
  "draw.key.space": {};
  "draw.key.back": {};
  "draw.action.contribute": {};
  "draw.action.setup": {};
  "voucher.title": {};
  "voucher.staff": { name: string };
  "voucher.enter": {};
  "voucher.delete": {};
  "voucher.clear": {};
  "voucher.lookup": {};
  "voucher.close": {};
  "voucher.another": {};
  "voucher.invalidCode": {};
  "voucher.code": {};
  "voucher.gift": {};
  "voucher.member": {};
  "voucher.issued": {};
  "voucher.issuedAt": { at: Date; kiosk: string };
  "voucher.validUntil": {};
  "voucher.day": { day: string };
  "voucher.valid": {};
  "voucher.usedNow": {};
  "voucher.used": { at: Date; kiosk: string; by: string };
  "voucher.usedSomewhere": {};
  "voucher.rejected": {};
  "voucher.unknown": {};
  "voucher.expired": { day: string };
  "voucher.offline": {};
  "voucher.noAnswer": {};
  "voucher.journal": {};
  "voucher.checkedCentral": {};
  "voucher.checkedHere": {};
  "voucher.markUsed": {};
  "voucher.confirm": {};
  "voucher.confirmYes": {};
  "voucher.cancel": {};
  "checkin.pick": {};
  "checkin.staff": { name: string };
  "checkin.leave": {};
  "checkin.none": {};
  "checkin.open": {};
  "checkin.close": {};
  "checkin.countLine": { n: number };
  "checkin.window.open": {};
  "checkin.window.not_yet": {};
  "checkin.window.closed": {};
  "checkin.ready": {};
  "checkin.notReady": {};
  "checkin.item.activity_data": {};
  "checkin.item.member_data": {};
  "checkin.item.clock": {};
  "checkin.item.printer": {};
  "checkin.item.readers": {};
  "checkin.item.journal": {};
  "checkin.dataAsOf": { at: Date };
  "checkin.offlineAsOf": { at: Date };
  "checkin.noData": {};
  "checkin.waiting": {};
  "checkin.reason": { zh: string; en: string };
  "checkin.code": { code: string };
  "checkin.provisional": {};
  "checkin.checkedIn": {};
  "checkin.inside": {};
  "checkin.refused": {};
  "checkin.conflicts": {};
  "checkin.outcome.accepted": {};
  "checkin.outcome.unknown_card": {};
  "checkin.outcome.card_refused": {};
  "checkin.outcome.already_checked_in": {};
  "checkin.outcome.exit_without_entry": {};
  "checkin.outcome.capacity_full": {};
  "checkin.outcome.too_early": {};
  "checkin.outcome.too_late": {};
  "checkin.outcome.not_eligible": {};
  "checkin.outcome.card_unreadable": {};
  "checkin.outcome.not_recorded": {};
  "enroll.title": {};
  "enroll.titleReopened": {};
  "enroll.code": {};
  "enroll.validFor": { time: string };
  "enroll.validForTries": { time: string; left: number; allowed: number };
  "enroll.expired": {};
  "enroll.burned": { allowed: number };
  "enroll.fingerprint": {};
  "enroll.address": {};
  "enroll.serial": {};
  "enroll.how": {};
  "enroll.qrHint": {};
  "enroll.newCode": {};
  "enroll.print": {};
  "enroll.printing": {};
  "enroll.printFailed": {};
}

export type MessageKey = keyof Messages;

/** A text to show: a key and its parameters, translated when drawn (so a language switch redraws it). */
export type Msg = { [K in MessageKey]: { key: K; params: Messages[K] } }[MessageKey];

export function msg<K extends MessageKey>(key: K, ...params: {} extends Messages[K] ? [Messages[K]?] : [Messages[K]]): Msg {
  return { key, params: (params[0] ?? {}) as Messages[K] } as Msg;
}

/** How a catalogue reaches other messages (a reason inside a sentence) and the formats. */
export interface Context extends Formats {
  text(m: Msg): string;
}

export type Catalogue = { [K in MessageKey]: (p: Messages[K], c: Context) => string };
