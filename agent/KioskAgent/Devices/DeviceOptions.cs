namespace KioskAgent.Devices;

/// <summary>The devices this kiosk has (section "Devices").</summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    public const string CardReadersSection = "Devices:CardReaders";

    public const string ScannersSection = "Devices:Scanners";

    public List<CardReaderOptions> CardReaders { get; set; } = [];

    /// <summary>Handheld code scanners: they deliver scanned text (QR payloads), not card UIDs, so they are not card readers.</summary>
    public List<ScannerOptions> Scanners { get; set; } = [];

    /// <summary>Problems every reader can have whatever its kind; the kinds check their own settings (<see cref="DeviceOptionsValidator"/>).</summary>
    /// <param name="cameraId">The camera's device id when a camera is configured (Devices:Camera:Id): no reader or scanner may take it.</param>
    public IEnumerable<string> Problems(string? cameraId = null)
    {
        if (CardReaders.Count == 0)
        {
            yield return "Devices:CardReaders must list at least one reader.";
        }

        foreach (var (reader, index) in CardReaders.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(reader.Id))
            {
                yield return $"Devices:CardReaders:{index}:Id is required.";
            }

            if (reader.ParsedRole is null)
            {
                yield return $"Devices:CardReaders:{index}:Role '{reader.Role}' is not a reader role; use one of: {string.Join(", ", Enum.GetNames<CardReaderRole>())}.";
            }
        }

        foreach (var duplicate in CardReaders.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"Devices:CardReaders: reader id '{duplicate.Key}' is used more than once.";
        }

        if (cameraId is not null && CardReaders.Any(r => r.Id == cameraId))
        {
            yield return $"Devices:CardReaders: reader id '{cameraId}' is the camera's id (Devices:Camera:Id); taps and health would not say which device it was.";
        }

        foreach (var (scanner, index) in Scanners.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(scanner.Id))
            {
                yield return $"{ScannersSection}:{index}:Id is required.";
            }
        }

        // Health and the device list are keyed by id, so a scanner cannot share one with anything else.
        var readerIds = CardReaders.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in Scanners.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1 || readerIds.Contains(g.Key)))
        {
            yield return $"{ScannersSection}: scanner id '{duplicate.Key}' is used more than once.";
        }

        if (cameraId is not null && Scanners.Any(s => s.Id == cameraId))
        {
            yield return $"{ScannersSection}: scanner id '{cameraId}' is the camera's id (Devices:Camera:Id); scans and health would not say which device read a code.";
        }
    }
}
