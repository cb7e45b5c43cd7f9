using KioskAgent.Identity;

namespace KioskAgent.Taps;

/// <summary>A member QR newly held to a camera (after the camera's debounce), and what its identity check found.</summary>
/// <param name="CameraId">The camera, in the place of a reader id (journal, counters, redemption sessions).</param>
public sealed record QrTap(string CameraId, QrIdentityResult Identity, DateTimeOffset At);
