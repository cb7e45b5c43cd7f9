namespace KioskAgent.Devices;

/// <summary>The devices this kiosk has (section "Devices").</summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    public const string CardReadersSection = "Devices:CardReaders";

    public List<CardReaderOptions> CardReaders { get; set; } = [];

    /// <summary>Problems every reader can have whatever its kind; the kinds check their own settings (<see cref="DeviceOptionsValidator"/>).</summary>
    public IEnumerable<string> Problems()
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
    }
}
