using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.Commands;

/// <summary>
/// Receives commands on {base}/cmd and decides, quickly and without running anything, what to do
/// with each (docs/mqtt-contract.md, "Commands"):
/// no response topic below {base}/reply/ → dead letter <c>bad_response_topic</c>, no answer;
/// otherwise every refusal is answered there with ok=false and recorded in the dead-letter log:
/// missing correlation data, too large, wrong schema, malformed JSON or wrong types, unknown command,
/// a full queue (<c>busy</c>), a retained message (<c>retained</c>: it would run again at every
/// subscribe). A repeated id is answered from the first result (<c>in_progress</c> while that still
/// runs) and never runs again, also after a restart (<see cref="CommandIdStore"/>). Accepted
/// commands go to <see cref="CommandQueue"/>.
/// </summary>
public sealed partial class CommandDispatcher : IMqttInboundHandler
{
    public const string KindName = "command";
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 64;
    public const string Retained = "retained";

    private readonly MqttConnection _connection;
    private readonly IServiceProvider _services;
    private readonly CommandQueue _queue;
    private readonly CommandReplies _replies;
    private readonly CommandReplayCache _replays;
    private readonly CommandStamp _stamp;
    private readonly DeadLetterLog _deadLetters;
    private readonly CommandOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandDispatcher> _logger;
    private IReadOnlyDictionary<string, IKioskCommandHandler>? _handlers;

    public CommandDispatcher(
        MqttConnection connection,
        IServiceProvider services,
        CommandQueue queue,
        CommandReplies replies,
        CommandStamp stamp,
        CommandIdStore ids,
        DeadLetterLog deadLetters,
        IOptions<CommandOptions> options,
        TimeProvider time,
        ILogger<CommandDispatcher> logger)
    {
        _connection = connection;
        _services = services;
        _queue = queue;
        _replies = replies;
        _stamp = stamp;
        _deadLetters = deadLetters;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _replays = new CommandReplayCache(_options.RememberedIds);
        foreach (var (id, first) in ids.Load())
        {
            _replays.Seed(id, first);
        }
    }

    public string Kind => KindName;

    /// <summary>Handlers by name, resolved on first use (a handler may depend on features built after the link).</summary>
    public IReadOnlyDictionary<string, IKioskCommandHandler> Handlers =>
        _handlers ??= _services.GetServices<IKioskCommandHandler>()
            .GroupBy(h => h.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.Command];

    public int LargestPayloadBytes => _options.MaxPayloadBytes;

    public async Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var responseTopic = CommandReplyTarget.ResponseTopic(message, _connection.Topics.ReplyPrefix);
        if (responseTopic is null)
        {
            Reject("bad_response_topic", message);
            return;
        }

        var hasCorrelation = CommandReplyTarget.HasUsableCorrelation(message);
        var reply = new CommandReplyTarget(responseTopic, hasCorrelation ? message.CorrelationData : [], message.MessageExpiryInterval);
        if (!hasCorrelation)
        {
            // The answer has nothing to correlate it with, so it names the command when it can.
            Reject("bad_correlation_data", message);
            var explanation = $"correlation data of 1-{CommandReplyTarget.MaxCorrelationBytes} bytes is required";
            var answer = InboundJson.TryParse<KioskCommand>(message, _options.MaxPayloadBytes, out var named, out _) && IsToken(named.Id, MaxIdLength) && IsToken(named.Name, MaxNameLength)
                ? CommandResults.Fail(named, "bad_correlation_data", explanation)
                : CommandResults.Refused("bad_correlation_data", explanation);
            await _replies.SendAsync(reply, _stamp.Apply(answer), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!InboundJson.TryParse<KioskCommand>(message, _options.MaxPayloadBytes, out var command, out var refusal))
        {
            await RefuseAsync(refusal, Explain(refusal), message, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsToken(command.Id, MaxIdLength) || !IsToken(command.Name, MaxNameLength))
        {
            await RefuseAsync(CommandResults.Malformed, $"id (1-{MaxIdLength}) and name (1-{MaxNameLength}) of letters, digits, '-', '_', '.', ':' are required", message, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Retain)
        {
            // The broker would hand a retained command to every later subscriber: it is never run,
            // and its id is not claimed, so central may send it again without the retain flag.
            Reject(Retained, message);
            await _replies.SendAsync(reply, _stamp.Apply(CommandResults.Fail(command, Retained, "commands must not be retained; send it again without the retain flag")), cancellationToken).ConfigureAwait(false);
            return;
        }

        await DispatchAsync(command, message, reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task DispatchAsync(KioskCommand command, MqttApplicationMessage message, CommandReplyTarget reply, CancellationToken cancellationToken)
    {
        if (!_replays.TryClaim(command.Id, out var slot))
        {
            Reject("replayed", message);
            var first = slot.Task;
            var answer = first.IsCompletedSuccessfully
                ? first.Result
                : _stamp.Apply(CommandResults.Fail(command, CommandResults.InProgress, "this command id is still running; ask again for its result"));
            await _replies.SendAsync(reply, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!Handlers.TryGetValue(command.Name, out var handler))
        {
            Reject(CommandResults.UnknownCommand, message);
            var unknown = _stamp.Apply(CommandResults.Fail(command, CommandResults.UnknownCommand, $"this kiosk knows: {string.Join(", ", Handlers.Keys.Order(StringComparer.Ordinal))}"));
            slot.TrySetResult(unknown);
            await _replies.SendAsync(reply, unknown, cancellationToken).ConfigureAwait(false);
            return;
        }

        DateTimeOffset? expiresAt = message.MessageExpiryInterval > 0 ? _time.GetUtcNow().AddSeconds(message.MessageExpiryInterval) : null;
        if (!_queue.TryEnqueue(new PendingCommand(command, handler, reply, expiresAt, slot, message.Topic)))
        {
            // Not run: forget the id so that central's retry runs it.
            _replays.Forget(command.Id);
            Reject(CommandResults.Busy, message);
            await _replies.SendAsync(reply, _stamp.Apply(CommandResults.Fail(command, CommandResults.Busy, "too many commands waiting; retry later")), cancellationToken).ConfigureAwait(false);
            return;
        }

        LogAccepted(command.Name, command.Id);
    }

    /// <summary>Ids and names end up in logs and counters: plain tokens only (a UUID is one).</summary>
    public static bool IsToken(string value, int maxLength) =>
        value.Length > 0 && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private async Task RefuseAsync(string reason, string explanation, MqttApplicationMessage message, CommandReplyTarget reply, CancellationToken cancellationToken)
    {
        Reject(reason, message);
        await _replies.SendAsync(reply, _stamp.Apply(CommandResults.Refused(reason, explanation)), cancellationToken).ConfigureAwait(false);
    }

    private void Reject(string reason, MqttApplicationMessage message) =>
        _deadLetters.Reject(KindName, reason, message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));

    private string Explain(string refusal) => refusal switch
    {
        InboundJson.Oversized => $"a command may be at most {_options.MaxPayloadBytes} bytes",
        InboundJson.WrongSchema => "user property 'schema' must be kiosk.v1.KioskCommand",
        InboundJson.UnknownSchemaVersion => $"user property 'schema-version' must be {LinkMessages.SchemaVersion}",
        _ => "the payload is not a kiosk.v1.KioskCommand in proto3 JSON",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Name} ({Id}) accepted")]
    private partial void LogAccepted(string name, string id);
}
