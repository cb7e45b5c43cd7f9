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
    private readonly List<Watcher> _watchers = [];

    public void Publish(CheckInFeedView view)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Channel.Writer.TryWrite(view);
                watcher.Published = true;
            }
        }
    }

    /// <summary>
    /// The view now (<paramref name="current"/>, read once the watcher is registered, so no view
    /// published meanwhile is missed), then every later one. <paramref name="current"/> runs outside
    /// this class's lock (publishers hold their view's lock when they come here: the other order
    /// could deadlock), and its view is dropped when a newer one was published while it was read.
    /// </summary>
    public async IAsyncEnumerable<CheckInFeedView> WatchAsync(Func<CheckInFeedView?> current, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher();
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        try
        {
            var now = current();
            lock (_gate)
            {
                if (now is not null && !watcher.Published)
                {
                    watcher.Channel.Writer.TryWrite(now);
                }
            }

            await foreach (var view in watcher.Channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return view;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private sealed class Watcher
    {
        public Channel<CheckInFeedView> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<CheckInFeedView>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });

        /// <summary>A view was published to it (guarded by the watchers' lock).</summary>
        public bool Published { get; set; }
    }
}
