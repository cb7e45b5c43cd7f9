using System.Collections.Concurrent;
using System.Security.Cryptography;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.MemberSync.Live;

/// <summary>
/// Asks central for a member's live balance and points with MQTT 5 request/response: a
/// <see cref="MemberQuery"/> on {base}/members/query with response topic {base}/members/answer and
/// fresh correlation data, expiring with the wait. <see cref="MemberAnswerHandler"/> hands answers
/// back; an answer nobody waits for (unknown or expired correlation) is ignored and counted.
/// </summary>
public sealed class LiveMemberQuery(MqttConnection connection, MemberSyncCounters counters, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Waiter> _waiting = new(StringComparer.Ordinal);

    public bool IsOnline => connection.IsConnected;

    /// <summary>Central's answer, or null when offline, not answered within <paramref name="timeout"/>, or unknown to central.</summary>
    public async Task<MemberAnswer?> AskAsync(string memberNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return null;
        }

        var correlation = RandomNumberGenerator.GetBytes(16);
        var key = Convert.ToHexString(correlation);
        var waiter = new Waiter(memberNumber, new TaskCompletionSource<MemberAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiting[key] = waiter;
        try
        {
            var message = LinkMessages.Create(connection.Topics.MembersQuery, new MemberQuery { MemberNumber = memberNumber })
                .WithResponseTopic(connection.Topics.MembersAnswer)
                .WithCorrelationData(correlation)
                .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling(timeout.TotalSeconds)))
                .Build();
            counters.Count("query.sent");
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            if (!await connection.PublishAsync(message, linked.Token).ConfigureAwait(false))
            {
                return null;
            }

            var answer = await waiter.Answer.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            counters.Count(answer.Found ? "answer.live" : "answer.not_found");
            return answer.Found ? answer : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            counters.Count("answer.timeout");
            return null;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Delivers an answer to whoever waits for its correlation data. False when nobody does
    /// (unknown or expired; counted as members.answer.unmatched) or the answer is about another member.
    /// </summary>
    internal bool Deliver(byte[]? correlation, MemberAnswer answer, out bool wrongMember)
    {
        wrongMember = false;
        if (correlation is null || !_waiting.TryGetValue(Convert.ToHexString(correlation), out var waiter))
        {
            counters.Count("answer.unmatched");
            return false;
        }

        if (!string.Equals(waiter.MemberNumber, answer.MemberNumber, StringComparison.Ordinal))
        {
            wrongMember = true;
            return false;
        }

        return waiter.Answer.TrySetResult(answer);
    }

    private sealed record Waiter(string MemberNumber, TaskCompletionSource<MemberAnswer> Answer);
}
