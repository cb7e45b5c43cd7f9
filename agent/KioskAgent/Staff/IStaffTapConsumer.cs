using KioskAgent.Taps;

namespace KioskAgent.Staff;

/// <summary>
/// A staff feature that takes member-reader taps while staff run it (an open check-in, a draw taking
/// entrants). While one holds the <see cref="StaffTapRouter"/>, member taps go to it instead of the
/// member self-service screens.
/// </summary>
public interface IStaffTapConsumer
{
    /// <summary>A short name for logs and counters ("check_in", "draw_join").</summary>
    string Name { get; }

    Task HandleTapAsync(Tap tap, CancellationToken cancellationToken);
}
