// The enrollment screen (EnrollmentView) as plain data, and the rules for how its code, fingerprint
// and time left read: pure, unit-tested. The screen shows the code and public values only; the QR
// never holds the code (the agent makes it from state.qr_payload).
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { EnrollmentView } from "./gen/kiosk/v1/kiosk_ui_pb";
import { msg, type Msg } from "./i18n/messages";

export interface EnrollmentModel {
  kind: "enrollment";
  /** The digits; empty while the code is burned (too many wrong tries) until a new one is made. */
  code: string;
  /** Epoch ms when the code stops working; undefined when the agent sent none. */
  expiresAt?: number;
  /** 64 hex digits, as the technician pins it. */
  fingerprint: string;
  address: string;
  serial: string;
  triesLeft: number;
  triesAllowed: number;
  /** A supervisor opened enrollment for one more technician (the kiosk is enrolled). */
  reopened: boolean;
  qrRows: string[];
}

export function enrollmentModel(v: EnrollmentView): EnrollmentModel {
  const s = v.state;
  return {
    kind: "enrollment",
    code: s?.code ?? "",
    expiresAt: s?.expiresAt ? timestampMs(s.expiresAt) : undefined,
    fingerprint: s?.fingerprint ?? "",
    address: s?.address ?? "",
    serial: s?.serial ?? "",
    triesLeft: s?.triesLeft ?? 0,
    triesAllowed: v.triesAllowed,
    reopened: v.reopened,
    qrRows: v.qrRows,
  };
}

/** 8 digits as 4+4, 9 as 3+3+3, 10 as 3+3+4: groups a person reads and types without losing their place. */
export function groupDigits(code: string): string {
  if (code.length <= 4) return code;
  const size = code.length % 4 === 0 ? 4 : 3;
  const groups: string[] = [];
  let i = 0;
  while (code.length - i > size + 1) {
    groups.push(code.slice(i, i + size));
    i += size;
  }
  groups.push(code.slice(i));
  return groups.join(" ");
}

/** The fingerprint in groups of four (kioskctl takes it with or without the spaces). */
export function groupHex(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(" ") ?? hex;
}

/** Time left as m:ss (never negative). */
export function timeLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export type EnrollmentPhase = "open" | "expired" | "burned";

/** What the code is now: usable, past its time (the agent sends a new one), or burned (a person makes a new one). */
export function phaseOf(m: EnrollmentModel, nowMs: number): EnrollmentPhase {
  if (m.code === "") return "burned";
  if (m.expiresAt !== undefined && m.expiresAt <= nowMs) return "expired";
  return "open";
}

/** The line under the code: time left (and tries left once one was wrong), or why there is no code. */
export function statusLine(m: EnrollmentModel, nowMs: number): Msg {
  switch (phaseOf(m, nowMs)) {
    case "burned":
      return msg("enroll.burned", { allowed: m.triesAllowed });
    case "expired":
      return msg("enroll.expired");
    default: {
      const time = m.expiresAt === undefined ? "" : timeLeft(m.expiresAt - nowMs);
      return m.triesLeft < m.triesAllowed ? msg("enroll.validForTries", { time, left: m.triesLeft, allowed: m.triesAllowed }) : msg("enroll.validFor", { time });
    }
  }
}
