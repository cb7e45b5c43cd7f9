using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Runs a reader's blocking loop on its own long-running thread and yields what it writes, until
/// either token is cancelled. Ends quietly on cancellation; the loop must not throw.
/// </summary>
internal static class DedicatedThreadWatch
{
    public static async IAsyncEnumerable<TEvent> WatchAsync<TEvent>(
        Action<ChannelWriter<TEvent>, CancellationToken> loop,
        CancellationToken disposed,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<TEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposed);
        var thread = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    loop(events.Writer, stop.Token);
                }
                finally
                {
                    events.Writer.TryComplete();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            while (await WaitAsync(events.Reader, cancellationToken).ConfigureAwait(false))
            {
                while (events.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await thread.ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> WaitAsync<TEvent>(ChannelReader<TEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
