using System.Buffers;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.MemberSync.Live;

/// <summary>Central's answers to live member queries, on {base}/members/answer.</summary>
public sealed class MemberAnswerHandler(LiveMemberQuery query, DeadLetterLog deadLetters, IOptions<MemberSyncOptions> options) : IMqttInboundHandler
{
    public const string AnswerKind = "member_answer";

    public string Kind => AnswerKind;

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.MembersAnswer];

    public int LargestPayloadBytes => options.Value.MaxAnswerBytes;

    public Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload.Length > options.Value.MaxAnswerBytes)
        {
            deadLetters.Reject(AnswerKind, RejectReasons.Oversized, message.Topic, message.Payload.ToArray());
            return Task.CompletedTask;
        }

        var inbound = InboundMemberMessage.From(message);
        if (!MemberMessageDecoder.TryDecode<MemberAnswer>(inbound, out var answer, out var reason))
        {
            deadLetters.Reject(AnswerKind, reason, inbound.Topic, inbound.Payload);
        }
        else if (answer.Found && (answer.Points < 0 || answer.BalanceMinor < 0 || answer.PendingPoints < 0))
        {
            deadLetters.Reject(AnswerKind, RejectReasons.InvalidAnswer, inbound.Topic, inbound.Payload);
        }
        else if (!query.Deliver(inbound.CorrelationData, answer, out var wrongMember) && wrongMember)
        {
            deadLetters.Reject(AnswerKind, RejectReasons.InvalidAnswer, inbound.Topic, inbound.Payload);
        }

        return Task.CompletedTask;
    }
}
