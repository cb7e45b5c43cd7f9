using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Protocol;

namespace KioskAgent.Central;

/// <summary>
/// Central's side of kiosk commands (docs/mqtt-contract.md, "Commands"): publishes a
/// <see cref="KioskCommand"/> to {base}/cmd with an MQTT 5 response topic
/// {base}/reply/{instance}, random correlation data and a message expiry, and completes when the
/// kiosk's <see cref="KioskCommandResult"/> with that correlation data arrives. One sender per
/// connected client; several central instances use different instance ids.
/// </summary>
public sealed class CommandSender : IAsyncDisposable
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly IMqttClient _client;
    private readonly CentralTopics _topics;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<KioskCommandResult>> _pending = new(StringComparer.Ordinal);
    private int _unmatched;

    private CommandSender(IMqttClient client, CentralTopics topics, string instance)
    {
        _client = client;
        _topics = topics;
        Instance = instance;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>The last level of this sender's response topics.</summary>
    public string Instance { get; }

    /// <summary>Answers that matched no command of this sender (late, duplicate or foreign).</summary>
    public int UnmatchedReplies => _unmatched;

    /// <summary>Subscribes to this instance's replies from every kiosk; the client must be connected with MQTT 5.</summary>
    public static async Task<CommandSender> StartAsync(IMqttClient client, CentralTopics? topics = null, string? instance = null, CancellationToken cancellationToken = default)
    {
        topics ??= new CentralTopics();
        var sender = new CommandSender(client, topics, instance ?? $"central-{Guid.NewGuid():N}");
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"{topics.Root}/+/+/reply/{sender.Instance}", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken).ConfigureAwait(false);
        return sender;
    }

    public static string CommandTopic(CentralTopics topics, string siteId, string kioskId) => $"{topics.KioskBase(siteId, kioskId)}/cmd";

    public string ResponseTopic(string siteId, string kioskId) => $"{_topics.KioskBase(siteId, kioskId)}/reply/{Instance}";

    /// <summary>Sends <paramref name="name"/> with <paramref name="args"/> and waits up to <paramref name="timeout"/> for the answer.</summary>
    public Task<KioskCommandResult> SendAsync(string siteId, string kioskId, string name, IReadOnlyDictionary<string, string>? args = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var command = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = name };
        foreach (var (key, value) in args ?? new Dictionary<string, string>())
        {
            command.Args[key] = value;
        }

        return SendAsync(siteId, kioskId, command, timeout, cancellationToken);
    }

    /// <summary>Sends <paramref name="command"/> as given (same id = a replay) and waits for the answer; throws TimeoutException without one.</summary>
    public async Task<KioskCommandResult> SendAsync(string siteId, string kioskId, KioskCommand command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        command.SentAt ??= Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var correlation = RandomNumberGenerator.GetBytes(16);
        var key = Convert.ToHexString(correlation);
        var answer = new TaskCompletionSource<KioskCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = answer;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(CommandTopic(_topics, siteId, kioskId))
                .WithPayload(Json.Format(command))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .WithUserProperty("schema", Encoding.UTF8.GetBytes(KioskCommand.Descriptor.FullName).AsMemory())
                .WithUserProperty("schema-version", Encoding.UTF8.GetBytes("1").AsMemory())
                .WithResponseTopic(ResponseTopic(siteId, kioskId))
                .WithCorrelationData(correlation)
                .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling(wait.TotalSeconds)))
                .Build();
            await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return await answer.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }

        return ValueTask.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!message.Topic.EndsWith($"/reply/{Instance}", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        if (message.CorrelationData is not { Length: > 0 } correlation || !_pending.TryGetValue(Convert.ToHexString(correlation), out var answer))
        {
            Interlocked.Increment(ref _unmatched);
            return Task.CompletedTask;
        }

        try
        {
            answer.TrySetResult(Parser.Parse<KioskCommandResult>(Encoding.UTF8.GetString(message.Payload)));
        }
        catch (InvalidProtocolBufferException ex)
        {
            answer.TrySetException(ex);
        }

        return Task.CompletedTask;
    }
}
