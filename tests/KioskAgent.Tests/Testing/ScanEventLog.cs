using System.Collections.Concurrent;
using KioskAgent.Hardware.KeyboardWedge;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// Watches a code scanner in the background and records its events. Disposing stops the watch and
/// rethrows anything WatchAsync threw, so a scanner that throws fails the test.
/// </summary>
public sealed class ScanEventLog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScanEvent> _events = new();
    private readonly Task _watch;

    public ScanEventLog(ICodeScanner scanner)
    {
        _watch = Task.Run(async () =>
        {
            await foreach (var scanEvent in scanner.WatchAsync(_stop.Token))
            {
                _events.Enqueue(scanEvent);
            }
        });
    }

    public IReadOnlyList<ScanEvent> Events => [.. _events];

    /// <summary>Whether WatchAsync has ended (it should only end when stopped).</summary>
    public bool Completed => _watch.IsCompleted;

    /// <summary>Waits for the <paramref name="index"/>-th (0-based) event of type <typeparamref name="T"/> that matches.</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool>? match = null, int index = 0, TimeSpan? timeout = null)
        where T : ScanEvent =>
        Eventually.ValueAsync(
            () => Events.OfType<T>().Where(e => match?.Invoke(e) ?? true).Skip(index).FirstOrDefault(),
            $"{typeof(T).Name} #{index}",
            timeout);

    public IReadOnlyList<T> OfType<T>()
        where T : ScanEvent => [.. Events.OfType<T>()];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
