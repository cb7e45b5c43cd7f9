using KioskAgent.Identity;

namespace KioskAgent.Taps;

/// <summary>A member QR newly held to a camera (after the camera's debounce) or read by a code scanner, and what its identity check found.</summary>
/// <param name="SourceId">The camera or scanner, in the place of a reader id (journal, counters, redemption sessions).</param>
public sealed record QrTap(string SourceId, QrIdentityResult Identity, DateTimeOffset At);
