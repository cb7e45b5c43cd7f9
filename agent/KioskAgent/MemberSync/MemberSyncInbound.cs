using System.Buffers;
using KioskAgent.CentralLink;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.MemberSync;

/// <summary>
/// Receives snapshot chunks and deltas from central, starts decoding them, and queues them for the
/// <see cref="MemberSyncWorker"/>, so a big snapshot never holds up the MQTT link. An oversized
/// payload is refused here, before it is copied or parsed. When the queue is full the link waits
/// (and with it the broker's flow control) rather than dropping member data.
/// </summary>
public sealed class MemberSyncInbound(MemberSyncWorker worker, DeadLetterLog deadLetters, IOptions<MemberSyncOptions> options) : IMqttInboundHandler
{
    public string Kind => "members";

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.MembersSnapshot, topics.MembersDelta];

    public int LargestPayloadBytes => Math.Max(options.Value.MaxChunkBytes, options.Value.MaxDeltaBytes);

    public string KindOf(string topic) => IsSnapshot(topic) ? MemberSyncEngine.SnapshotKind : MemberSyncEngine.DeltaKind;

    public async Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var isSnapshot = IsSnapshot(message.Topic);
        var (kind, work, limit) = isSnapshot
            ? (MemberSyncEngine.SnapshotKind, SyncWorkKind.SnapshotChunk, options.Value.MaxChunkBytes)
            : (MemberSyncEngine.DeltaKind, SyncWorkKind.Delta, options.Value.MaxDeltaBytes);
        if (message.Payload.Length > limit)
        {
            deadLetters.Reject(kind, RejectReasons.Oversized, message.Topic, message.Payload.ToArray());
            return;
        }

        var inbound = InboundMemberMessage.From(message);
        var maxChunks = options.Value.MaxChunksPerSnapshot;
        await worker.EnqueueAsync(
            isSnapshot
                ? new SyncWork(work, inbound, Chunk: Task.Run(() => MemberMessageDecoder.DecodeChunk(inbound, maxChunks), CancellationToken.None))
                : new SyncWork(work, inbound, Delta: Task.Run(() => MemberMessageDecoder.DecodeDelta(inbound), CancellationToken.None)),
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsSnapshot(string topic) => topic.EndsWith("/members/snapshot", StringComparison.Ordinal);
}
