using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Presence;

/// <summary>
/// The presence part of the reference central: watches every kiosk's retained <c>state</c> topic
/// (not shared: every watcher sees every change) and keeps who is online by <see cref="PresenceRule"/>.
/// </summary>
public sealed class PresenceTracker(TimeProvider time, Action<string>? log = null) : ICentralPart
{
    private readonly Dictionary<KioskKey, KioskPresence> _kiosks = [];
    private readonly Lock _gate = new();
    private long _stale;
    private long _malformed;

    /// <summary>Raised with each accepted change.</summary>
    public event Action<KioskPresence>? Changed;

    /// <summary>State messages ignored as stale (e.g. a last will delivered after a newer "online").</summary>
    public long StaleIgnored => Interlocked.Read(ref _stale);

    public long Malformed => Interlocked.Read(ref _malformed);

    public IReadOnlyList<KioskPresence> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _kiosks.Values];
            }
        }
    }

    public KioskPresence? Get(KioskKey kiosk)
    {
        lock (_gate)
        {
            return _kiosks.GetValueOrDefault(kiosk);
        }
    }

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) => [new(topics.AllStates, Shared: false)];

    public void Attach(ICentralPublisher publisher)
    {
    }

    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        if (message.Mqtt.Payload.Length == 0)
        {
            // A cleared retained state: nothing to learn.
            return Task.CompletedTask;
        }

        var state = CentralMessages.TryParse<KioskState>(message.Mqtt);
        if (state is null || state.State is not ("online" or "offline"))
        {
            Interlocked.Increment(ref _malformed);
            log?.Invoke($"refused a state message on {message.Mqtt.Topic}");
            return Task.CompletedTask;
        }

        KioskPresence? next;
        lock (_gate)
        {
            next = PresenceRule.Apply(_kiosks.GetValueOrDefault(message.Kiosk), message.Kiosk, state, time.GetUtcNow());
            if (next is not null)
            {
                _kiosks[message.Kiosk] = next;
            }
        }

        if (next is null)
        {
            Interlocked.Increment(ref _stale);
            log?.Invoke($"ignored a stale {state.State} of {message.Kiosk} (session #{state.SessionSeq})");
        }
        else
        {
            Changed?.Invoke(next);
        }

        return Task.CompletedTask;
    }
}
