using KioskAgent.Devices;
using KioskAgent.Taps;

namespace KioskAgent.Staff;

/// <summary>
/// Where a tap goes before member self-service: a card on the staff list (at any reader) opens or
/// closes staff mode; at a Staff reader, a card not on the list goes to the feature that claimed the
/// readers while a session is open, and otherwise gets the PIN pad like a staff card (so nobody learns
/// from the screen whether a card is on the list). At a member reader, a claimed tap goes to its
/// feature and keeps the session alive; an unclaimed member tap ends any session first, since the
/// member's screen replaces the staff screen.
/// </summary>
public sealed class StaffTapGate(StaffDirectory directory, StaffSessions sessions, StaffTapRouter router)
{
    /// <summary>True when staff mode or a staff feature took the tap; false: member self-service handles it.</summary>
    public async Task<bool> TryTakeAsync(Tap tap, CancellationToken cancellationToken)
    {
        var staff = directory.FindByCard(tap.Card.Uid.Hex);
        if (staff is not null)
        {
            await sessions.StaffCardAsync(tap, staff, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (sessions.Current is not null && await router.TryRouteAsync(tap, cancellationToken).ConfigureAwait(false))
        {
            sessions.KeepAlive();
            return true;
        }

        if (tap.Role == CardReaderRole.Staff)
        {
            await sessions.StaffCardAsync(tap, null, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (sessions.Current is not null)
        {
            await sessions.EndAsync("member_tap", cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
