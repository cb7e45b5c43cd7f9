using System.Threading.Channels;
using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;

namespace KioskAgent.Taps;

/// <summary>
/// Turns reader events into taps: debounce, resolve the card's identity while it is still in the
/// field, then hand the tap to the handler of the reader's role. Unreadable cards become refusals
/// with a counter. Taps are also published to subscribers (staff features consume staff-reader taps).
/// </summary>
public sealed partial class TapPipeline(
    CardIdentityResolver identities,
    MemberTapHandler memberTaps,
    TapCounters counters,
    TapDebouncer debouncer,
    DeviceHealthRegistry health,
    ILogger<TapPipeline> logger)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<Tap>> _subscribers = [];
    private readonly ReaderHealthReporter _health = new(health);

    public async Task HandleAsync(CardReaderOptions reader, CardEvent cardEvent, CancellationToken cancellationToken)
    {
        bool isNewTap;
        lock (_gate)
        {
            isNewTap = debouncer.IsNewTap(cardEvent);
        }

        var role = reader.ParsedRole ?? CardReaderRole.Member;
        if (cardEvent is CardPresented good)
        {
            _health.ReadSucceeded(reader, good);
        }

        switch (cardEvent)
        {
            case CardPresented presented when isNewTap:
                var tap = new Tap(reader.Id, role, presented, ResolveIdentity(presented));
                Publish(tap);
                if (role == CardReaderRole.Member)
                {
                    await memberTaps.HandleAsync(tap, cancellationToken).ConfigureAwait(false);
                }

                break;

            case CardPresented:
                counters.Ignored("debounced");
                break;

            case CardReadFailed failed:
                counters.ReadFailure(failed.ReaderId, failed.Reason);
                _health.ReadFailed(reader, failed);
                LogReadFailed(failed.ReaderId, failed.Reason, failed.Detail);
                if (role == CardReaderRole.Member)
                {
                    await memberTaps.HandleReadFailureAsync(failed.ReaderId, failed.Reason, failed.At, cancellationToken).ConfigureAwait(false);
                }

                break;

            case ReaderStatusChanged status:
                _health.Status(reader, status);
                LogReaderStatus(status.ReaderId, status.Available, status.Reason);
                break;
        }
    }

    /// <summary>Every tap at every reader from now on, until cancelled.</summary>
    public async IAsyncEnumerable<Tap> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Tap>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var tap in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return tap;
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

    private CardIdentityResult ResolveIdentity(CardPresented presented)
    {
        try
        {
            return identities.Resolve(presented);
        }
        catch (CardCommunicationException ex)
        {
            return CardIdentityResult.Unreadable("card_read_failed", ex.Message);
        }
    }

    private void Publish(Tap tap)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(tap);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card at {ReaderId} could not be read: {Reason} ({Detail})")]
    private partial void LogReadFailed(string readerId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader {ReaderId} available={Available}: {Reason}")]
    private partial void LogReaderStatus(string readerId, bool available, string reason);
}
