// Staff mode's screens as plain data: the PIN pad (StaffLoginView) and the staff home (StaffHomeView).
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { StaffHomeView, StaffLoginView } from "./gen/kiosk/v1/staff_pb";

export interface StaffLoginModel {
  kind: "staff-login";
  loginId: string;
  card: string;
  /** "", "pin_wrong" or "locked". */
  error: string;
  /** Epoch ms when a locked card may try again. */
  lockedUntil?: number;
  minLength: number;
  maxLength: number;
}

export interface StaffHomeModel {
  kind: "staff-home";
  name: string;
  role: string;
  features: { code: string; label: string; available: boolean }[];
  notice: string;
}

export type StaffViewModel = StaffLoginModel | StaffHomeModel;

export function staffLoginModel(v: StaffLoginView): StaffLoginModel {
  return {
    kind: "staff-login",
    loginId: v.loginId,
    card: v.maskedCard,
    error: v.errorCode,
    lockedUntil: v.lockedUntil ? timestampMs(v.lockedUntil) : undefined,
    minLength: v.minPinLength || 4,
    maxLength: v.maxPinLength || 12,
  };
}

export function staffHomeModel(v: StaffHomeView): StaffHomeModel {
  return {
    kind: "staff-home",
    name: v.displayName,
    role: v.role,
    features: v.features.map((f) => ({ code: f.code, label: f.label, available: f.available })),
    notice: v.noticeCode,
  };
}
