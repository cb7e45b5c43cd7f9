using System.Threading.Channels;

namespace KioskAgent.Camera;

/// <summary>
/// Hands voucher QRs to staff features in process: each subscriber (staff mode, when a member of
/// staff is signed in) gets every voucher scanned from then on, through its own bounded channel (the
/// oldest is dropped if it falls 64 behind). Nobody subscribed: <see cref="Publish"/> says so and the
/// caller tells the member to ask staff.
/// </summary>
public sealed class VoucherScans
{
    private const int Backlog = 64;
    private readonly Lock _gate = new();
    private readonly List<Channel<VoucherScan>> _subscribers = [];

    /// <summary>How many subscribers took the voucher.</summary>
    public int Publish(VoucherScan scan)
    {
        lock (_gate)
        {
            return _subscribers.Count(s => s.Writer.TryWrite(scan));
        }
    }

    public async IAsyncEnumerable<VoucherScan> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<VoucherScan>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var scan in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return scan;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
