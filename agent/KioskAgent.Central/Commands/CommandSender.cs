using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Commands;

/// <summary>
/// The commands part of the reference central (docs/mqtt-contract.md, "Commands"): sends a
/// <see cref="KioskCommand"/> to a kiosk's {base}/cmd with the MQTT 5 response topic
/// {base}/reply/{instance}, random correlation data and a message expiry equal to the wait, and
/// completes with the kiosk's <see cref="KioskCommandResult"/> carrying that correlation data.
/// Replies are watched, not shared: each central instance gets the answers to its own commands.
/// </summary>
public sealed class CommandSender(string? instance = null) : ICentralPart
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<KioskCommandResult>> _pending = new(StringComparer.Ordinal);
    private ICentralPublisher? _publisher;
    private long _unmatched;

    /// <summary>The last level of this instance's response topics.</summary>
    public string Instance { get; } = instance ?? $"central-{Guid.NewGuid():N}";

    /// <summary>Answers that matched no waiting command (late, repeated or not ours).</summary>
    public long UnmatchedReplies => Interlocked.Read(ref _unmatched);

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) => [new($"{topics.Root}/+/+/reply/{Instance}", Shared: false)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    public string ResponseTopic(KioskKey kiosk) => $"{Publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/reply/{Instance}";

    /// <summary>Sends <paramref name="name"/> with a fresh id (UUIDv7) and waits for the answer.</summary>
    public Task<KioskCommandResult> SendAsync(KioskKey kiosk, string name, IReadOnlyDictionary<string, string>? args = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var command = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = name };
        foreach (var (key, value) in args ?? new Dictionary<string, string>())
        {
            command.Args[key] = value;
        }

        return SendAsync(kiosk, command, timeout, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="command"/> as given (the same id again is a replay, answered from the
    /// first result) and waits; TimeoutException when no answer came, InvalidOperationException when
    /// the broker did not take the command.
    /// </summary>
    public async Task<KioskCommandResult> SendAsync(KioskKey kiosk, KioskCommand command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? DefaultTimeout;
        command.SentAt ??= Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var correlation = RandomNumberGenerator.GetBytes(16);
        var key = Convert.ToHexString(correlation);
        var answer = new TaskCompletionSource<KioskCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = answer;
        try
        {
            var topic = $"{Publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/cmd";
            var sent = await Publisher.PublishAsync(topic, command, cancellationToken, b => b
                .WithResponseTopic(ResponseTopic(kiosk))
                .WithCorrelationData(correlation)
                .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling(wait.TotalSeconds)))).ConfigureAwait(false);
            if (!sent)
            {
                throw new InvalidOperationException($"The broker did not take the {command.Name} command for {kiosk}.");
            }

            return await answer.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        var mqtt = message.Mqtt;
        if (mqtt.CorrelationData is not { Length: > 0 } correlation || !_pending.TryGetValue(Convert.ToHexString(correlation), out var answer))
        {
            Interlocked.Increment(ref _unmatched);
            return Task.CompletedTask;
        }

        if (CentralMessages.TryParse<KioskCommandResult>(mqtt) is { } result)
        {
            answer.TrySetResult(result);
        }
        else
        {
            answer.TrySetException(new InvalidDataException($"{message.Kiosk} answered with something that is not a KioskCommandResult."));
        }

        return Task.CompletedTask;
    }

    private ICentralPublisher Publisher => _publisher ?? throw new InvalidOperationException("Add the CommandSender to ReferenceCentralOptions.Parts before sending.");
}
