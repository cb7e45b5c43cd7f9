using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.CheckIns;

/// <summary>
/// Check-ins across kiosks (docs/mqtt-contract.md, "Check-ins across kiosks"): every check-in a
/// kiosk accepted, as it arrives in its transactions, is relayed on <c>{base}/checkins/relay</c> to
/// the other kiosks of the activity (every kiosk of the same site central has seen, and any other
/// that sent check-ins of that activity); the same card accepted on two kiosks for a once-only
/// activity (<c>onceOnly</c>, by default every activity) becomes a conflict, sent to both kiosks.
/// Kept once per transaction id and conflict id, so repeats relay nothing. When a kiosk comes
/// online it gets everything of its site's activities and its conflicts again, in chunks: what the
/// broker lost while down, or what the kiosk lost in a restart, comes back. Add it to
/// <see cref="ReferenceCentralOptions.Parts"/>; each instance relays what it received.
/// </summary>
public sealed class CheckInRelayPart(TimeProvider? time = null, Func<string, bool>? onceOnly = null, Action<string>? log = null) : ICentralPart
{
    public const string Suffix = "checkins/relay";
    public const int CheckInsPerMessage = 500;
    public const int ConflictsPerMessage = 100;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CheckInBook _book = new(onceOnly ?? (_ => true));
    private readonly HashSet<KioskKey> _kiosks = [];
    private readonly Dictionary<string, HashSet<KioskKey>> _kiosksOfActivity = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ICentralPublisher? _publisher;
    private long _relayed;
    private long _full;

    /// <summary>Relay messages that reached the broker.</summary>
    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>Check-ins not kept because the book was full.</summary>
    public long DroppedFull => Interlocked.Read(ref _full);

    /// <summary>Raised for each new conflict, after it was sent to both kiosks.</summary>
    public event Action<RelayedConflict>? ConflictFound;

    public IReadOnlyList<RelayedConflict> Conflicts
    {
        get
        {
            lock (_gate)
            {
                return [.. _book.Conflicts];
            }
        }
    }

    public int CheckIns
    {
        get
        {
            lock (_gate)
            {
                return _book.Count;
            }
        }
    }

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) =>
        [new(topics.AllTransactions, Shared: true), new(topics.AllStates, Shared: false)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    public async Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        if (message.Subtopic == "state")
        {
            if (message.Mqtt.Payload.Length > 0 && CentralMessages.TryParse<KioskState>(message.Mqtt) is { State: "online" })
            {
                await CatchUpAsync(message.Kiosk, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        foreach (var transaction in CentralMessages.TryParseTransactions(message.Mqtt, out _) ?? [])
        {
            // A transaction naming another kiosk than its topic is not that kiosk's check-in.
            if (transaction.KioskId == message.KioskId && transaction.SiteId == message.SiteId && CheckInTransactions.Accepted(transaction) is { } checkIn)
            {
                await RecordAsync(checkIn, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Keeps an accepted check-in, relays it to the activity's other kiosks and sends any conflict it makes to both sides.</summary>
    public async Task RecordAsync(RelayedCheckIn checkIn, CancellationToken cancellationToken)
    {
        var from = new KioskKey(checkIn.SiteId, checkIn.KioskId);
        IReadOnlyList<KioskKey> targets;
        IReadOnlyList<RelayedConflict> conflicts;
        lock (_gate)
        {
            _kiosks.Add(from);
            if (!_book.TryAdd(checkIn, out var full))
            {
                if (full)
                {
                    Interlocked.Increment(ref _full);
                    log?.Invoke($"check-in relay: book full, {checkIn.TransactionId} not kept");
                }

                return;
            }

            conflicts = _book.ConflictsOf(checkIn, _time.GetUtcNow());
            if (!_kiosksOfActivity.TryGetValue(checkIn.ActivityId, out var ofActivity))
            {
                _kiosksOfActivity[checkIn.ActivityId] = ofActivity = [];
            }

            ofActivity.Add(from);
            targets = [.. _kiosks.Where(k => k.SiteId == from.SiteId).Union(ofActivity).Where(k => k != from)];
        }

        foreach (var target in targets)
        {
            await SendAsync(target, new CheckInRelay { CheckIns = { checkIn } }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var conflict in conflicts)
        {
            log?.Invoke($"check-in conflict {conflict.ConflictId} in activity {conflict.ActivityId}");
            foreach (var side in conflict.CheckIns.Select(c => new KioskKey(c.SiteId, c.KioskId)).Distinct())
            {
                await SendAsync(side, new CheckInRelay { Conflicts = { conflict } }, cancellationToken).ConfigureAwait(false);
            }

            ConflictFound?.Invoke(conflict);
        }
    }

    private async Task CatchUpAsync(KioskKey kiosk, CancellationToken cancellationToken)
    {
        IReadOnlyList<RelayedCheckIn> checkIns;
        IReadOnlyList<RelayedConflict> conflicts;
        lock (_gate)
        {
            _kiosks.Add(kiosk);
            checkIns = _book.ForKiosk(kiosk);
            conflicts = _book.ConflictsFor(kiosk);
        }

        foreach (var chunk in checkIns.Chunk(CheckInsPerMessage))
        {
            await SendAsync(kiosk, new CheckInRelay { CheckIns = { chunk } }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in conflicts.Chunk(ConflictsPerMessage))
        {
            await SendAsync(kiosk, new CheckInRelay { Conflicts = { chunk } }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(KioskKey kiosk, CheckInRelay relay, CancellationToken cancellationToken)
    {
        if (_publisher is not { } publisher)
        {
            return;
        }

        relay.At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_time.GetUtcNow());
        var topic = $"{publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/{Suffix}";
        if (await publisher.PublishAsync(topic, relay, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _relayed);
        }
        else
        {
            // The kiosk gets it in the catch-up when it is next online.
            log?.Invoke($"check-in relay to {kiosk} not sent");
        }
    }
}
