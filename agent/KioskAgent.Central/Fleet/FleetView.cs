using System.Text;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Fleet;

/// <summary>
/// The fleet as central ops sees it: one row per kiosk built from the retained {base}/state and
/// {base}/health messages. Pure: the caller passes each message with the time it arrived.
/// Thread-safe, so an MQTT receive loop can apply while a renderer takes snapshots.
/// </summary>
public sealed class FleetView(CentralTopics topics)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly Dictionary<(string Site, string Kiosk), FleetKiosk> _kiosks = [];
    private readonly Lock _gate = new();
    private long _malformed;
    private long _staleIgnored;

    public CentralTopics Topics { get; } = topics;

    /// <summary>Messages that were not the JSON they should be (counted, never applied).</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Stale deaths ignored across the fleet.</summary>
    public long StaleStatesIgnored => Interlocked.Read(ref _staleIgnored);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _kiosks.Count;
            }
        }
    }

    /// <summary>
    /// Applies a message from {root}/{site}/{kiosk}/state or /health. <paramref name="retained"/> says
    /// the broker replayed it from its store (so its arrival time says nothing about the kiosk).
    /// </summary>
    public FleetUpdate Apply(string topic, ReadOnlySpan<byte> payload, bool retained, DateTimeOffset receivedAt)
    {
        if (!Topics.TryParseKiosk(topic, out var site, out var kiosk, out var rest) || rest is not ("state" or "health"))
        {
            return FleetUpdate.NotFleetTopic;
        }

        if (payload.IsEmpty)
        {
            return rest == "state" ? Remove(site, kiosk) : ClearHealth(site, kiosk);
        }

        IMessage? message = rest == "state" ? TryParse<KioskState>(payload) : TryParse<HealthReport>(payload);
        if (message is null)
        {
            Interlocked.Increment(ref _malformed);
            return FleetUpdate.Malformed;
        }

        lock (_gate)
        {
            var row = _kiosks.GetValueOrDefault((site, kiosk)) ?? new FleetKiosk(site, kiosk);
            var (next, update) = message switch
            {
                KioskState state => KioskStateRule.Apply(row, state, retained, receivedAt),
                HealthReport health => (HealthReading.Apply(row, health, retained, receivedAt), FleetUpdate.Applied),
                _ => (row, FleetUpdate.Malformed),
            };
            if (update == FleetUpdate.StaleStateIgnored)
            {
                Interlocked.Increment(ref _staleIgnored);
            }

            _kiosks[(site, kiosk)] = next;
            return update;
        }
    }

    /// <summary>Every kiosk, ordered by site then kiosk id.</summary>
    public IReadOnlyList<FleetKiosk> Snapshot()
    {
        lock (_gate)
        {
            return [.. _kiosks.Values.OrderBy(k => k.SiteId, StringComparer.Ordinal).ThenBy(k => k.KioskId, StringComparer.Ordinal)];
        }
    }

    private FleetUpdate Remove(string site, string kiosk)
    {
        lock (_gate)
        {
            _kiosks.Remove((site, kiosk));
        }

        return FleetUpdate.Removed;
    }

    private FleetUpdate ClearHealth(string site, string kiosk)
    {
        lock (_gate)
        {
            if (_kiosks.TryGetValue((site, kiosk), out var row))
            {
                _kiosks[(site, kiosk)] = HealthReading.Clear(row);
            }
        }

        return FleetUpdate.Applied;
    }

    private static T? TryParse<T>(ReadOnlySpan<byte> payload)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(Encoding.UTF8.GetString(payload));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
