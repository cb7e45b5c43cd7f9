using System.Buffers;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// Central's relay on {base}/checkins/relay (<see cref="CheckInRelay"/>), after the link verified
/// central's signature: read strictly (<see cref="InboundJson"/>, then <see cref="RelayReading"/>,
/// all or nothing) and handed to <see cref="CrossKioskRelay"/>. A refused message goes to the
/// dead-letter log as <c>inbound.rejected.checkin_relay.{reason}</c>; nothing of it is applied.
/// </summary>
public sealed class CheckInRelayHandler(CrossKioskRelay relay, DeadLetterLog deadLetters, IOptions<KioskOptions> kiosk, TimeProvider time) : IMqttInboundHandler
{
    /// <summary>500 check-ins and 100 conflicts fit with room to spare; anything near this is not a relay.</summary>
    public const int MaxPayloadBytes = 512 * 1024;

    public string Kind => "checkin_relay";

    public int LargestPayloadBytes => MaxPayloadBytes;

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.CheckInRelay];

    public Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!InboundJson.TryParse<CheckInRelay>(message, MaxPayloadBytes, out var parsed, out var refusal)
            || !RelayReading.TryRead(parsed, kiosk.Value.SiteId, kiosk.Value.KioskId, time.GetUtcNow(), out var checkIns, out var conflicts, out refusal))
        {
            deadLetters.Reject(Kind, refusal, message.Topic, message.Payload.ToArray());
            return Task.CompletedTask;
        }

        relay.Apply(checkIns, conflicts);
        return Task.CompletedTask;
    }
}
