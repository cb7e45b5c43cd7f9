using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>Creates the configured readers once and hands them to whoever needs them.</summary>
public sealed class CardReaderRegistry : IAsyncDisposable
{
    private readonly List<(CardReaderOptions Options, ICardReader Reader)> _readers = [];

    public CardReaderRegistry(IOptions<DeviceOptions> options, TimeProvider time)
    {
        foreach (var configured in options.Value.CardReaders)
        {
            ICardReader reader = configured.ParsedKind switch
            {
                CardReaderKind.Simulated => new SimulatedCardReader(configured.Id, time),
                _ => throw new InvalidOperationException($"Card reader kind '{configured.Kind}' is not supported."),
            };
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
}
