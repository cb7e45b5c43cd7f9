using System.Device.Gpio;
using System.Device.Spi;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Hardware.Pn532;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>
/// Creates the configured readers once, with the binding their kind names, and hands them to
/// whoever needs them. Real and simulated readers go through exactly the same tap path.
/// </summary>
public sealed class CardReaderRegistry : IAsyncDisposable
{
    private readonly List<(CardReaderOptions Options, ICardReader Reader)> _readers = [];

    public CardReaderRegistry(IOptions<DeviceOptions> options, TimeProvider time)
    {
        foreach (var configured in options.Value.CardReaders)
        {
            var reader = configured.ParsedKind == CardReaderKind.Simulated
                ? Create(configured, time)
                : new RetryingCardReader(configured.Id, () => Create(configured, time), time);
            _readers.Add((configured, reader));
        }
    }

    public IEnumerable<(CardReaderOptions Options, ICardReader Reader)> Readers => _readers;

    public IEnumerable<SimulatedCardReader> Simulated => _readers.Select(r => r.Reader).OfType<SimulatedCardReader>();

    /// <summary>The simulated reader with this id, or the first one when <paramref name="readerId"/> is empty.</summary>
    public SimulatedCardReader? FindSimulated(string? readerId) =>
        string.IsNullOrEmpty(readerId)
            ? Simulated.FirstOrDefault()
            : Simulated.FirstOrDefault(r => r.ReaderId == readerId);

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, reader) in _readers)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ICardReader Create(CardReaderOptions o, TimeProvider time) => o.ParsedKind switch
    {
        CardReaderKind.Simulated => new SimulatedCardReader(o.Id, time),
        CardReaderKind.Pcsc => new PcscCardReader(o.Id, o.ReaderName, time, new PcscCardReaderOptions
        {
            ExchangeTimeout = TimeSpan.FromMilliseconds(o.ExchangeTimeoutMs),
            CardReadTimeout = TimeSpan.FromMilliseconds(o.CardReadTimeoutMs),
        }),
        CardReaderKind.Evdev => new EvdevCardReader(o.Id, new EvdevCardReaderOptions { DevicePath = o.DevicePath, Format = CardReaderOptions.Parse<TokenFormat>(o.Format)!.Value }, time),
        CardReaderKind.Serial => new SerialCardReader(o.Id, new SerialCardReaderOptions
        {
            PortName = o.DevicePath,
            BaudRate = o.BaudRate,
            Format = CardReaderOptions.Parse<TokenFormat>(o.Format)!.Value,
            Framing = CardReaderOptions.Parse<SerialFraming>(o.Framing)!.Value,
        }, time),
        CardReaderKind.Mfrc522 => CreateMfrc522(o, time),
        CardReaderKind.Pn532 => new Pn532CardReader(o.Id, () => Pn532Connection.Open(o.Pn532Connection!), timeProvider: time),
        _ => throw new InvalidOperationException($"Card reader kind '{o.Kind}' is not supported."),
    };

    private static Mfrc522CardReader CreateMfrc522(CardReaderOptions o, TimeProvider time)
    {
        // SPI mode 0, MSB first (MFRC522 datasheet §8.1.2).
        var spi = SpiDevice.Create(new SpiConnectionSettings(o.SpiBusId, o.ChipSelectLine) { ClockFrequency = o.ClockFrequency, Mode = SpiMode.Mode0 });
        var gpio = o.ResetPin >= 0 ? new GpioController() : null;
        return new Mfrc522CardReader(o.Id, new Mfrc522(spi, o.ResetPin, gpio, shouldDispose: true), timeProvider: time);
    }
}
