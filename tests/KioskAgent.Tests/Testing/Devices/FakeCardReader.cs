using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Tests.Testing.Devices;

/// <summary>The reader <see cref="FakeCardReaderKind"/> creates: a test puts cards on it.</summary>
public sealed class FakeCardReader(string readerId, string antenna, TimeProvider time) : ICardReader
{
    private readonly Channel<CardEvent> _events = Channel.CreateUnbounded<CardEvent>();

    public string ReaderId { get; } = readerId;

    public string Antenna { get; } = antenna;

    public void Tap(string uid)
    {
        _events.Writer.TryWrite(new CardPresented(ReaderId, CardUid.Parse(uid), CardTechnology.MifareClassic1K, time.GetUtcNow()));
        _events.Writer.TryWrite(new CardRemoved(ReaderId, time.GetUtcNow()));
    }

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new ReaderStatusChanged(ReaderId, time.GetUtcNow(), true, $"fake reader on antenna {Antenna}");
        await foreach (var cardEvent in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return cardEvent;
        }
    }

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
