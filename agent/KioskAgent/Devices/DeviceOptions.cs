namespace KioskAgent.Devices;

/// <summary>The devices this kiosk has (section "Devices").</summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    public List<CardReaderOptions> CardReaders { get; set; } = [];

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

            if (reader.ParsedKind is null)
            {
                yield return $"Devices:CardReaders:{index}:Kind '{reader.Kind}' is not a card reader kind; use one of: {string.Join(", ", Enum.GetNames<CardReaderKind>())}.";
            }

            foreach (var problem in KindProblems(reader))
            {
                yield return $"Devices:CardReaders:{index}:{problem}";
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

    private static IEnumerable<string> KindProblems(CardReaderOptions reader)
    {
        switch (reader.ParsedKind)
        {
            case CardReaderKind.Pcsc:
                if (string.IsNullOrWhiteSpace(reader.ReaderName))
                {
                    yield return "ReaderName is required for a Pcsc reader.";
                }

                if (reader.ExchangeTimeoutMs is < 10 or > 60_000)
                {
                    yield return "ExchangeTimeoutMs must be 10-60000.";
                }

                if (reader.CardReadTimeoutMs < reader.ExchangeTimeoutMs || reader.CardReadTimeoutMs > 300_000)
                {
                    yield return "CardReadTimeoutMs must be at least ExchangeTimeoutMs and at most 300000.";
                }

                break;
            case CardReaderKind.Evdev or CardReaderKind.Serial:
                if (string.IsNullOrWhiteSpace(reader.DevicePath))
                {
                    yield return $"DevicePath is required for a {reader.Kind} reader.";
                }

                if (CardReaderOptions.Parse<Hardware.KeyboardWedge.TokenFormat>(reader.Format) is null)
                {
                    yield return $"Format '{reader.Format}' must be Decimal, Hex or Text.";
                }

                if (reader.ParsedKind == CardReaderKind.Serial && CardReaderOptions.Parse<Hardware.KeyboardWedge.SerialFraming>(reader.Framing) is null)
                {
                    yield return $"Framing '{reader.Framing}' must be Cr, Lf, CrLf or StxEtx.";
                }

                if (reader.BaudRate is < 300 or > 4_000_000)
                {
                    yield return "BaudRate must be 300-4000000.";
                }

                break;
            case CardReaderKind.Pn532 when reader.Pn532Connection is not { } connection:
                yield return $"Transport '{reader.Transport}' must be Hsu, I2c or Spi.";
                break;
            case CardReaderKind.Pn532:
                foreach (var problem in reader.Pn532Connection.Problems())
                {
                    yield return $"Pn532 {reader.Transport}: {problem}";
                }

                break;
            case CardReaderKind.Mfrc522 when reader.ClockFrequency is < 10_000 or > 10_000_000:
                yield return "ClockFrequency must be 10 kHz-10 MHz (MFRC522 datasheet §8.1.2).";
                break;
        }
    }
}
