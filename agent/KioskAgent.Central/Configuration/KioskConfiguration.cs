using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Configuration;

/// <summary>
/// The configuration part of the reference central (docs/mqtt-contract.md, "Configuration"):
/// publishes a kiosk's <see cref="DesiredConfig"/> retained on {base}/config/desired (a kiosk that
/// is offline gets it on its next connect) and keeps the last <see cref="ReportedConfig"/> of every
/// kiosk from {base}/config/reported (watched, not shared).
/// </summary>
public sealed class KioskConfiguration : ICentralPart
{
    private readonly Dictionary<KioskKey, ReportedConfig> _reported = [];
    private readonly Lock _gate = new();
    private ICentralPublisher? _publisher;
    private long _malformed;

    /// <summary>Raised with every report received.</summary>
    public event Action<KioskKey, ReportedConfig>? Reported;

    public long Malformed => Interlocked.Read(ref _malformed);

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) => [new(topics.AllConfigReported, Shared: false)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    /// <summary>The kiosk's last report, or null when none came yet.</summary>
    public ReportedConfig? LastReported(KioskKey kiosk)
    {
        lock (_gate)
        {
            return _reported.GetValueOrDefault(kiosk);
        }
    }

    /// <summary>Publishes the whole desired document; <paramref name="version"/> must be above what the kiosk applied.</summary>
    public async Task<bool> PublishDesiredAsync(KioskKey kiosk, ulong version, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var publisher = _publisher ?? throw new InvalidOperationException("Add KioskConfiguration to ReferenceCentralOptions.Parts before publishing.");
        var desired = new DesiredConfig { Version = version, IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
        foreach (var (key, value) in settings)
        {
            desired.Settings[key] = value;
        }

        var topic = $"{publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/config/desired";
        return await publisher.PublishAsync(topic, desired, cancellationToken, b => b.WithRetainFlag(true)).ConfigureAwait(false);
    }

    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        if (message.Mqtt.Payload.Length == 0)
        {
            return Task.CompletedTask;
        }

        if (CentralMessages.TryParse<ReportedConfig>(message.Mqtt) is not { } reported)
        {
            Interlocked.Increment(ref _malformed);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _reported[message.Kiosk] = reported;
        }

        Reported?.Invoke(message.Kiosk, reported);
        return Task.CompletedTask;
    }
}
