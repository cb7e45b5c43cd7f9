using System.Buffers;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.Vouchers;

/// <summary>
/// Central's answers about vouchers, on {base}/vouchers/answer (signature checked by the connection
/// before this sees them). Anything unreadable, about another voucher than the one asked for, or
/// inconsistent (a use or rejection without the voucher being found) goes to the dead-letter log
/// and the one waiting gets no answer (its wait times out: "can't check now").
/// </summary>
public sealed class VoucherAnswerHandler(CentralVoucherCheck check, DeadLetterLog deadLetters, IOptions<VoucherDeskOptions> options) : IMqttInboundHandler
{
    public const string AnswerKind = "voucher_answer";
    public const string InvalidAnswer = "invalid_answer";

    public string Kind => AnswerKind;

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.VouchersAnswer];

    public int LargestPayloadBytes => options.Value.MaxAnswerBytes;

    public Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!InboundJson.TryParse<VoucherAnswer>(message, options.Value.MaxAnswerBytes, out var answer, out var refusal))
        {
            deadLetters.Reject(AnswerKind, refusal, message.Topic, message.Payload.Length > options.Value.MaxAnswerBytes ? [] : message.Payload.ToArray());
        }
        else if (Inconsistent(answer))
        {
            deadLetters.Reject(AnswerKind, InvalidAnswer, message.Topic, message.Payload.ToArray());
        }
        else if (!check.Deliver(message.CorrelationData, answer, out var wrongVoucher) && wrongVoucher)
        {
            deadLetters.Reject(AnswerKind, InvalidAnswer, message.Topic, message.Payload.ToArray());
        }

        return Task.CompletedTask;
    }

    private static bool Inconsistent(VoucherAnswer answer) =>
        answer.VoucherCode.Length is 0 or > 64
        || (!answer.Found && (answer.Rejected || answer.UsedAt is not null))
        || (answer.Found && answer.IssuedAt is null);
}
