namespace KioskAgent.Staff;

/// <summary>Staff mode (section <c>Staff</c>, docs/configuration.md).</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>A staff session ends after this long without a staff action, a staff screen touch or a routed tap.</summary>
    public int SessionIdleSeconds { get; set; } = 300;

    /// <summary>The PIN pad goes back to idle after this long without a PIN.</summary>
    public int LoginTimeoutSeconds { get; set; } = 60;

    /// <summary>Wrong PINs in a row on one staff card before it is locked out.</summary>
    public int MaxPinTries { get; set; } = 5;

    /// <summary>The first lockout; each further lockout (without a good PIN between) doubles it.</summary>
    public int LockoutSeconds { get; set; } = 60;

    /// <summary>A lockout never lasts longer than this.</summary>
    public int MaxLockoutSeconds { get; set; } = 3600;
}
