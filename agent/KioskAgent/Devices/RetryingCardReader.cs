using System.Runtime.CompilerServices;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Devices;

/// <summary>
/// Opens a real reader lazily and reopens it after a failure, so a reader that is missing at start
/// (no SPI device, unplugged USB) is a health fault with a reason, not an agent that cannot start.
/// </summary>
public sealed class RetryingCardReader(string readerId, Func<ICardReader> open, TimeProvider time, TimeSpan? retryDelay = null) : ICardReader
{
    private readonly TimeSpan _retryDelay = retryDelay ?? TimeSpan.FromSeconds(5);
    private ICardReader? _reader;

    public string ReaderId { get; } = readerId;

    /// <summary>Failures that mean "the hardware is not there or not usable yet", worth trying again.</summary>
    public static bool IsOpenFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidOperationException or PlatformNotSupportedException
            or DllNotFoundException or ArgumentException or System.ComponentModel.Win32Exception;

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? failure = null;
            try
            {
                _reader ??= open();
            }
            catch (Exception ex) when (IsOpenFailure(ex))
            {
                failure = $"cannot open: {ex.Message}";
            }

            if (_reader is not null)
            {
                await foreach (var cardEvent in _reader.WatchAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return cardEvent;
                }

                yield break;
            }

            yield return new ReaderStatusChanged(ReaderId, time.GetUtcNow(), false, failure!);
            await Task.Delay(_retryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }
    }
}
