using System.Threading.Channels;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CheckIn;

/// <summary>
/// The WatchFeed streams: each watcher gets the latest views; a slow one loses the older ones
/// (each view is whole, so only the newest matters) rather than holding memory or the taps up.
/// </summary>
internal sealed class FeedWatchers
{
    private readonly Lock _gate = new();
    private readonly List<Channel<CheckInFeedView>> _channels = [];

    public void Publish(CheckInFeedView view)
    {
        lock (_gate)
        {
            foreach (var channel in _channels)
            {
                channel.Writer.TryWrite(view);
            }
        }
    }

    /// <summary>
    /// The view now (<paramref name="current"/>, read once the watcher is registered, so no view
    /// published meanwhile is missed), then every later one.
    /// </summary>
    public async IAsyncEnumerable<CheckInFeedView> WatchAsync(Func<CheckInFeedView?> current, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<CheckInFeedView>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _channels.Add(channel);
            if (current() is { } now)
            {
                channel.Writer.TryWrite(now);
            }
        }

        try
        {
            await foreach (var view in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return view;
            }
        }
        finally
        {
            lock (_gate)
            {
                _channels.Remove(channel);
            }
        }
    }
}
