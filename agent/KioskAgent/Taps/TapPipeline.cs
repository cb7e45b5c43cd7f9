using System.Threading.Channels;
using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Staff;

namespace KioskAgent.Taps;

/// <summary>
/// Turns reader events into taps: debounce, resolve the card's identity while it is still in the
/// field, then hand the tap to the handler of the reader's role. Unreadable cards become refusals
/// with a counter. Staff cards go to staff mode first (<see cref="StaffTapGate"/>; none in tests that
/// build a pipeline without staff mode). Taps are also published to subscribers (staff features consume staff-reader taps).
/// A reader a technician's self-test holds (<see cref="ReaderTestClaims"/>) gives its cards to the test only.
/// </summary>
public sealed partial class TapPipeline(
    CardIdentityResolver identities,
    MemberTapHandler memberTaps,
    StaffTapRouter staffTaps,
    TapCounters counters,
    TapDebouncer debouncer,
    DeviceHealthRegistry health,
    ILogger<TapPipeline> logger,
    StaffTapGate? staffGate = null,
    ReaderTestClaims? testClaims = null)
{
    /// <summary>The <see cref="TapOutcome.ReasonCode"/> of a QR a staff feature took (not a member self-service answer).</summary>
    public const string StaffRoutedReason = "staff_feature";

    private readonly Lock _gate = new();
    private readonly List<Channel<Tap>> _subscribers = [];
    private readonly ReaderHealthReporter _health = new(health);
    private int _inFlight;

    /// <summary>A tap is being handled now: the camera skips decoding frames meanwhile (CPU goes to the tap).</summary>
    public bool IsBusy => Volatile.Read(ref _inFlight) > 0;

    public async Task HandleAsync(CardReaderOptions reader, CardEvent cardEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await HandleEventAsync(reader, cardEvent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// A member QR the camera saw newly (it debounces: a code held in view is one tap). QR codes
    /// always identify members, so the member handler takes them.
    /// </summary>
    public async Task<TapOutcome> HandleQrAsync(QrTap tap, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            // An open check-in counts a digital member card like a card.
            return await staffTaps.TryRouteQrAsync(tap, cancellationToken).ConfigureAwait(false)
                ? TapOutcome.Refuse(StaffRoutedReason, "")
                : await memberTaps.HandleQrAsync(tap, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleEventAsync(CardReaderOptions reader, CardEvent cardEvent, CancellationToken cancellationToken)
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

        if (TakenBySelfTest(reader, role, cardEvent))
        {
            return;
        }

        switch (cardEvent)
        {
            case CardPresented presented when isNewTap:
                var tap = new Tap(reader.Id, role, presented, ResolveIdentity(presented));
                Publish(tap);
                // Staff cards first (at any reader: staff mode opens or closes), then a staff feature
                // that claimed the readers (an open check-in), then member self-service.
                if (staffGate is not null && await staffGate.TryTakeAsync(tap, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (role == CardReaderRole.Member
                    && !await staffTaps.TryRouteAsync(tap, cancellationToken).ConfigureAwait(false))
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

    /// <summary>Any card presented at a held reader goes to the test, debounced or not: the technician is testing that it reads.</summary>
    private bool TakenBySelfTest(CardReaderOptions reader, CardReaderRole role, CardEvent cardEvent) =>
        testClaims is not null && testClaims.Holds(reader.Id) && cardEvent switch
        {
            CardPresented presented => testClaims.TryTake(new Tap(reader.Id, role, presented, ResolveIdentity(presented))),
            CardReadFailed failed => testClaims.TryTake(failed),
            _ => false,
        };

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
