using System.Collections.Concurrent;
using System.Security.Cryptography;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Vouchers;

/// <summary>
/// Asks central about a voucher with MQTT 5 request/response: a <see cref="VoucherQuery"/> on
/// {base}/vouchers/query with response topic {base}/vouchers/answer, fresh correlation data and a
/// message expiry as long as the wait. <see cref="VoucherAnswerHandler"/> hands the answer back; one
/// nobody waits for (unknown or expired correlation) is counted and ignored.
/// </summary>
public sealed class CentralVoucherCheck(MqttConnection connection, VoucherCounters counters, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Waiter> _waiting = new(StringComparer.Ordinal);

    public bool IsOnline => connection.IsConnected;

    /// <summary>Central's answer, or why there is none (offline, or no answer within <paramref name="timeout"/>).</summary>
    public async Task<(CentralCheck Check, VoucherAnswer? Answer)> AskAsync(VoucherInput voucher, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            counters.Count("central.offline");
            return (CentralCheck.Offline, null);
        }

        var correlation = RandomNumberGenerator.GetBytes(16);
        var key = Convert.ToHexString(correlation);
        var waiter = new Waiter(voucher.Code, new TaskCompletionSource<VoucherAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiting[key] = waiter;
        try
        {
            var query = new VoucherQuery { VoucherCode = voucher.Code, RedemptionTransactionId = voucher.RedemptionTransactionId };
            var message = LinkMessages.Create(connection.Topics.VouchersQuery, query)
                .WithResponseTopic(connection.Topics.VouchersAnswer)
                .WithCorrelationData(correlation)
                .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling(timeout.TotalSeconds)))
                .Build();
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            if (!await connection.PublishAsync(message, linked.Token).ConfigureAwait(false))
            {
                counters.Count("central.offline");
                return (CentralCheck.Offline, null);
            }

            counters.Count("central.sent");
            var answer = await waiter.Answer.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            counters.Count("central.answered");
            return (CentralCheck.Answered, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            counters.Count("central.timeout");
            return (CentralCheck.NoAnswer, null);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            counters.Count("central.offline");
            return (CentralCheck.Offline, null);
        }
        finally
        {
            _waiting.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Delivers an answer to whoever waits for its correlation data. False when nobody does
    /// (counted as central.unmatched) or the answer is about another voucher (<paramref name="wrongVoucher"/>).
    /// </summary>
    internal bool Deliver(byte[]? correlation, VoucherAnswer answer, out bool wrongVoucher)
    {
        wrongVoucher = false;
        if (correlation is null || !_waiting.TryGetValue(Convert.ToHexString(correlation), out var waiter))
        {
            counters.Count("central.unmatched");
            return false;
        }

        if (!string.Equals(waiter.VoucherCode, answer.VoucherCode, StringComparison.Ordinal))
        {
            wrongVoucher = true;
            counters.Count("central.wrong_voucher");
            return false;
        }

        return waiter.Answer.TrySetResult(answer);
    }

    private sealed record Waiter(string VoucherCode, TaskCompletionSource<VoucherAnswer> Answer);
}
