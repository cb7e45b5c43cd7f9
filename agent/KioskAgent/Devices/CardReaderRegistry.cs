using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>
/// Creates the configured readers once, each through the kind its configuration names, and hands
/// them to whoever needs them. Real and simulated readers go through exactly the same tap path.
/// A reader whose hardware is missing at start is opened again later (<see cref="RetryingCardReader"/>).
/// </summary>
public sealed class CardReaderRegistry : IAsyncDisposable
{
    private readonly List<ConfiguredCardReader> _readers = [];

    public CardReaderRegistry(IOptions<DeviceOptions> options, DeviceKinds kinds, IConfiguration configuration, TimeProvider time)
    {
        var sections = configuration.GetSection(DeviceOptions.CardReadersSection).GetChildren().ToList();
        foreach (var (configured, index) in options.Value.CardReaders.Select((r, i) => (r, i)))
        {
            // Validation at start has reported unknown kinds and bad settings already.
            var kind = kinds.Find<ICardReader>(configured.Kind)
                ?? throw new InvalidOperationException($"Card reader kind '{configured.Kind}' is not registered.");
            var section = index < sections.Count ? sections[index] : configuration.GetSection($"{DeviceOptions.CardReadersSection}:{index}");
            var settings = DeviceSettings.Bind(kind, section).Settings
                ?? throw new InvalidOperationException($"The settings of card reader '{configured.Id}' do not bind.");
            var context = new DeviceContext(configured.Id, time);
            _readers.Add(new ConfiguredCardReader(configured, Open(kind, context, settings, time)));
        }
    }

    public IReadOnlyList<ConfiguredCardReader> Readers => _readers;

    public IEnumerable<SimulatedCardReader> Simulated => _readers.Select(r => r.Reader).OfType<SimulatedCardReader>();

    /// <summary>The simulated reader with this id, or the first one when <paramref name="readerId"/> is empty.</summary>
    public SimulatedCardReader? FindSimulated(string? readerId) =>
        string.IsNullOrEmpty(readerId)
            ? Simulated.FirstOrDefault()
            : Simulated.FirstOrDefault(r => r.ReaderId == readerId);

    public async ValueTask DisposeAsync()
    {
        foreach (var configured in _readers)
        {
            await configured.Reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ICardReader Open(IDeviceKind kind, DeviceContext context, object settings, TimeProvider time)
    {
        ICardReader Create() => (ICardReader)kind.Create(context, settings);
        try
        {
            return Create();
        }
        catch (Exception ex) when (RetryingCardReader.IsOpenFailure(ex))
        {
            // Missing SPI device, unplugged USB: a health fault with a reason, not an agent that cannot start.
            return new RetryingCardReader(context.DeviceId, Create, time);
        }
    }
}
