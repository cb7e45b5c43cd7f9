#!/usr/bin/python3
"""Independent PC/SC client for the tap-latency benchmark (the floor).

Waits in SCardGetStatusChange on one reader through pyscard (Debian python3-pyscard) and prints one
line per event, stamped with time.monotonic_ns() (CLOCK_MONOTONIC) right when it happened:
    ready <ns> <clock implementation>
    insert <ns>            the insert notification
    uid <ns> <hex>         with --read-uid: after SCardConnect + FF CA 00 00 00 answered 90 00
    remove <ns>
Exits when stdin closes or after max_seconds.
usage: pyscard_monitor.py <reader name prefix> <max_seconds> [--read-uid]
"""
import os
import sys
import threading
import time

from smartcard.scard import (SCARD_E_TIMEOUT, SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1,
                             SCARD_S_SUCCESS, SCARD_SCOPE_USER, SCARD_SHARE_SHARED, SCARD_STATE_PRESENT,
                             SCARD_STATE_UNAWARE, SCardConnect, SCardDisconnect, SCardEstablishContext,
                             SCardGetStatusChange, SCardListReaders, SCardTransmit)

GET_UID = [0xFF, 0xCA, 0x00, 0x00, 0x00]  # PC/SC Part 3 GET DATA, UID


def read_uid(context, name):
    hr, card, protocol = SCardConnect(context, name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
    if hr != SCARD_S_SUCCESS:
        return None
    try:
        hr, response = SCardTransmit(card, protocol, GET_UID)
        if hr != SCARD_S_SUCCESS or response[-2:] != [0x90, 0x00]:
            return None
        return bytes(response[:-2]).hex().upper()
    finally:
        SCardDisconnect(card, SCARD_LEAVE_CARD)


def main():
    pattern, max_seconds, uid_mode = sys.argv[1], float(sys.argv[2]), "--read-uid" in sys.argv[3:]
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    hr, context = SCardEstablishContext(SCARD_SCOPE_USER)
    if hr != SCARD_S_SUCCESS:
        print("error establish", hex(hr & 0xFFFFFFFF), flush=True)
        return 1
    hr, readers = SCardListReaders(context, [])
    name = next((r for r in readers if r.startswith(pattern)), None)
    if name is None:
        print("error reader", pattern, readers, flush=True)
        return 1

    hr, states = SCardGetStatusChange(context, 0, [(name, SCARD_STATE_UNAWARE)])
    present = bool(states[0][1] & SCARD_STATE_PRESENT)
    print("ready", time.monotonic_ns(), time.get_clock_info("monotonic").implementation, flush=True)
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        hr, new_states = SCardGetStatusChange(context, 1000, [(r, event) for r, event, _ in states])
        now = time.monotonic_ns()
        if hr == SCARD_E_TIMEOUT:
            continue
        if hr != SCARD_S_SUCCESS:
            print("error wait", hex(hr & 0xFFFFFFFF), flush=True)
            return 1
        is_present = bool(new_states[0][1] & SCARD_STATE_PRESENT)
        if is_present and not present and uid_mode:
            uid = read_uid(context, name)
            print("uid", time.monotonic_ns(), uid, flush=True)
        if is_present != present:
            print("insert" if is_present else "remove", now, flush=True)
        present, states = is_present, new_states
    return 0


if __name__ == "__main__":
    sys.exit(main())
