namespace KioskAgent.Hardware.Devices;

/// <summary>
/// Parses an enum kept as text in settings. Settings keep such values as text because the
/// configuration binder silently drops a list element whose enum value does not parse; validation
/// then names the bad value instead.
/// </summary>
public static class EnumSetting
{
    /// <summary>The value named by <paramref name="text"/> (ignoring case), or null; numbers are not names.</summary>
    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;
}
