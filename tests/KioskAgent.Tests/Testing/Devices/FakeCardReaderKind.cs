using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Tests.Testing.Devices;

/// <summary>
/// A reader kind the agent has never heard of, registered by a test through the plug-in seam only.
/// It records what the factory was given, so a test can see the settings were bound from configuration.
/// </summary>
public sealed class FakeCardReaderKind(DeviceCapabilities capabilities = DeviceCapabilities.Uid) : DeviceKind<FakeCardReaderSettings, ICardReader>
{
    public const string KindName = "Fake";

    private readonly List<FakeCardReader> _created = [];
    private int _failingOpens;

    public override string Name => KindName;

    public override DeviceCapabilities Capabilities => capabilities;

    public IReadOnlyList<FakeCardReader> Created
    {
        get
        {
            lock (_created)
            {
                return [.. _created];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> opens throw, as a binding whose hardware is not plugged in yet.</summary>
    public FakeCardReaderKind FailingOpens(int count)
    {
        _failingOpens = count;
        return this;
    }

    public override IEnumerable<string> Problems(FakeCardReaderSettings settings)
    {
        if (settings.Antenna is not ("A" or "B"))
        {
            yield return $"Antenna '{settings.Antenna}' must be A or B.";
        }
    }

    public override ICardReader Create(DeviceContext context, FakeCardReaderSettings settings)
    {
        if (Interlocked.Decrement(ref _failingOpens) >= 0)
        {
            throw new IOException($"no fake reader on antenna {settings.Antenna}");
        }

        var reader = new FakeCardReader(context.DeviceId, settings.Antenna, context.Time);
        lock (_created)
        {
            _created.Add(reader);
        }

        return reader;
    }
}
