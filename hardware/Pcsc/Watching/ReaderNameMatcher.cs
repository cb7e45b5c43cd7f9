namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// Picks the configured reader among pcscd's: an exact name first, then the first name starting with
/// the pattern, then the first containing it (case-insensitive). pcscd appends slot and serial numbers
/// ("ACS ACR122U PICC Interface 00 00"), so configuration usually gives a prefix.
/// </summary>
internal static class ReaderNameMatcher
{
    public static string? Find(IReadOnlyList<string> readers, string pattern) =>
        readers.FirstOrDefault(r => string.Equals(r, pattern, StringComparison.Ordinal))
        ?? readers.FirstOrDefault(r => r.StartsWith(pattern, StringComparison.OrdinalIgnoreCase))
        ?? readers.FirstOrDefault(r => r.Contains(pattern, StringComparison.OrdinalIgnoreCase));
}
