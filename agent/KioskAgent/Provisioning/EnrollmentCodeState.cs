namespace KioskAgent.Provisioning;

/// <summary>The enrollment code on show: empty <see cref="Code"/> when burned by wrong tries.</summary>
public sealed record EnrollmentCodeState(string Code, DateTimeOffset ExpiresAt, int TriesLeft, string Role);
