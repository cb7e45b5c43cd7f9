namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>Wakes the harness when an observer records something, so it waits without polling (and without stealing CPU from what it measures).</summary>
public sealed class Pulse
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Signal() => _signal.Release();

    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!condition())
        {
            try
            {
                await _signal.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
        }
    }
}
