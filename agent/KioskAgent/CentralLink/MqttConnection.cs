using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.CentralLink;

/// <summary>
/// Keeps one MQTT 5 session to central alive: a persistent session (clean start false, session
/// expiry), so what central queues for the kiosk while it is offline arrives after reconnect; a
/// retained "offline" last will with a will delay, so a short blip raises no alarm; "online"
/// (retained) on every connect, each connect numbered by a persisted session sequence so a late
/// will can be told from the current connection; capped exponential reconnect backoff; and an
/// "offline" of its own on a clean shutdown (a clean disconnect does not fire the will).
/// </summary>
public sealed partial class MqttConnection : BackgroundService
{
    /// <summary>Dead-letter kind of messages the link itself refuses, before any handler sees them.</summary>
    public const string LinkKind = "link";

    /// <summary>
    /// Room for a packet's fixed header, topic and properties (user properties, response topic,
    /// correlation data, a signature) on top of the largest payload a handler accepts.
    /// </summary>
    public const int PacketOverheadBytes = 64 * 1024;

    /// <summary>
    /// Socket send and receive buffers. MQTTnet always sets both (8 KiB by default), which turns off
    /// Linux's buffer autotuning; a receive window that small, below one segment on loopback, keeps
    /// the peer in zero-window probing with growing back-off (stalls of a minute and more) and caps a
    /// big message at a few MB/s. 1 MiB is kernel memory, used only while data is in flight.
    /// </summary>
    public const int SocketBufferBytes = 1024 * 1024;

    private readonly IMqttClient _client;
    private readonly KeepAliveAdapterFactory _keepAlive;
    private readonly CentralLinkOptions _options;
    private readonly KioskOptions _kiosk;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttConnection> _logger;
    private readonly IServiceProvider _services;
    private readonly TransactionJournal _journal;
    private IReadOnlyList<IMqttInboundHandler>? _handlers;
    private readonly string _session = Guid.CreateVersion7().ToString();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when the session of the current connect attempt is lost (the keeper then reconnects at once).</summary>
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The number of the connection attempt in progress or up: a message is acknowledged only on the connection it came on.</summary>
    private long _connection;

    /// <summary>
    /// While connected, the keeper wakes on a lost session, and also this often (or at half the
    /// keep-alive, if that is sooner) to look for itself (a lost session whose notice never came) and
    /// to keep the session alive. Was a 500 ms poll: two wake-ups a second for nothing on an idle kiosk.
    /// </summary>
    internal static readonly TimeSpan ConnectedLookEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a keep-alive ping may wait for its answer before the session counts as lost.</summary>
    internal static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);
    private readonly InboundQueue _inbound;
    private int _maximumPacketBytes = int.MaxValue;
    private ulong _sessionSequence;
    private ulong? _attemptSequence;
    private int _generation;
    private bool _ready;

    public MqttConnection(IOptions<CentralLinkOptions> options, IOptions<KioskOptions> kiosk, TransactionJournal journal, TimeProvider time, IServiceProvider services, ILogger<MqttConnection> logger)
    {
        _services = services;
        _journal = journal;
        _options = options.Value;
        _kiosk = kiosk.Value;
        _time = time;
        _logger = logger;
        _inbound = new InboundQueue(_options.InboundQueueMessages, _options.InboundQueueBytes);
        Topics = new KioskTopics(_options.TopicRoot, _kiosk.SiteId, _kiosk.KioskId);
        // The keep-alive is the keeper's (KeepSessionAliveAsync), not MQTTnet's: see KeepAliveAdapterFactory.
        _keepAlive = new KeepAliveAdapterFactory((ushort)_options.KeepAliveSeconds, time);
        var factory = new MqttClientFactory();
        _client = factory.CreateMqttClient(factory.DefaultLogger, _keepAlive);
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public KioskTopics Topics { get; }

    /// <summary>This agent run's id (UUIDv7), as in the state messages.</summary>
    public string Session => _session;

    /// <summary>Connected, subscribed and announced "online": the session is ready for publishing.</summary>
    public bool IsConnected => _client.IsConnected && Volatile.Read(ref _ready);

    /// <summary>Counts successful connects; a publisher that sees it change resends what is unacknowledged.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>The session sequence of the current (or last) connection, as carried in its state messages.</summary>
    public ulong SessionSequence => Volatile.Read(ref _sessionSequence);

    /// <summary>Raised after each connect, once "online" is out.</summary>
    public event Action? Connected;

    /// <summary>Raised when a session that was up is lost (not for failed connect attempts).</summary>
    public event Action? Disconnected;

    /// <summary>
    /// Completes when the session is up (immediately if it already is). The connection state is
    /// re-checked every second, so a disconnect notice that arrives late cannot leave a waiter behind.
    /// </summary>
    public async Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        while (!IsConnected)
        {
            var connected = Volatile.Read(ref _connected).Task;
            try
            {
                await connected.WaitAsync(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look at IsConnected again.
            }
        }
    }

    /// <summary>
    /// Publishes and returns true when the broker took it (PUBACK for QoS 1). "No matching
    /// subscribers" counts as taken: the broker is not the proof of delivery, central's own ack is.
    /// </summary>
    public async Task<bool> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatch = Task.Run(() => DispatchInboundAsync(stoppingToken), CancellationToken.None);
        try
        {
            await KeepConnectedAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _inbound.Complete();
            await dispatch.ConfigureAwait(false);
        }
    }

    private async Task KeepConnectedAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(_options.ReconnectMinSeconds);

        // The longest a healthy round takes: a connect attempt (10 s) after the longest backoff, with margin.
        var loop = _services.GetService<Watchdog.LoopMonitor>()?.Periodic("central_link", TimeSpan.FromSeconds((_options.ReconnectMaxSeconds * 1.2) + 10 + 30));
        while (!stoppingToken.IsCancellationRequested)
        {
            loop?.Beat();
            if (!_client.IsConnected)
            {
                try
                {
                    await ConnectAsync(stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromSeconds(_options.ReconnectMinSeconds);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogConnectFailed(_options.Host, _options.Port, delay.TotalSeconds, ex.Message);
                    await Task.Delay(Jitter(delay), _time, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, _options.ReconnectMaxSeconds));
                    continue;
                }
            }

            try
            {
                await Volatile.Read(ref _lost).Task.WaitAsync(LookEvery, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look at the connection again, and keep it alive.
                await KeepSessionAliveAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan LookEvery => TimeSpan.FromTicks(Math.Min(ConnectedLookEvery.Ticks, TimeSpan.FromSeconds(_options.KeepAliveSeconds).Ticks / 2));

    /// <summary>
    /// MQTT keep-alive (MQTT 5 §3.1.2.10): a PINGREQ when nothing went out for half the period, so the
    /// broker always hears from the kiosk within the period (it allows 1.5 times). A ping that gets no
    /// answer in time means the link is gone without a word (a cable pulled, a broker frozen): the
    /// session is ended asking the broker for the will (if it still hears), and the keeper reconnects.
    /// </summary>
    private async Task KeepSessionAliveAsync(CancellationToken stoppingToken)
    {
        if (!_client.IsConnected || _keepAlive.SinceLastSent < TimeSpan.FromSeconds(_options.KeepAliveSeconds) / 2)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(PingTimeout);
            await _client.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!_client.IsConnected)
            {
                // The session was lost while the ping waited: its own notice wakes the keeper.
                return;
            }

            LogPingUnanswered(_options.Host, _options.Port, ex.Message);
            try
            {
                using var give = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build(), give.Token).ConfigureAwait(false);
            }
            catch (Exception gone) when (gone is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                // The link is gone: the session ended all the same.
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await _client.PublishAsync(StateMessage("offline", "shutdown"), cancellationToken).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            LogShutdownNotice(ex.Message);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var sequence = await NextSessionSequenceAsync(cancellationToken).ConfigureAwait(false);
        var will = State("offline", "connection_lost", sequence);
        Volatile.Write(ref _maximumPacketBytes, MaximumPacketBytes());
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithTcpServer(o => o.BufferSize = SocketBufferBytes)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"kiosk-{_kiosk.SiteId}-{_kiosk.KioskId}")
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_options.SessionExpirySeconds)
            // Zero for MQTTnet (no keep-alive loop of its own); CONNECT carries KeepAliveSeconds (KeepAliveAdapterFactory).
            .WithKeepAlivePeriod(TimeSpan.Zero)
            .WithTimeout(TimeSpan.FromSeconds(10))
            // One socket write per packet, header and payload together: a backlog drains about a
            // fifth faster than with a write for each part (docs/benchmarks.md).
            .WithoutPacketFragmentation()
            // The broker must not send a packet above this (MQTT 5 §3.1.2.11.4; mosquitto drops it),
            // nor more unacknowledged QoS 1/2 messages than the receive maximum (§3.1.2.11.3).
            .WithMaximumPacketSize((uint)_maximumPacketBytes)
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
            .WithWillTopic(Topics.State)
            .WithWillPayload(LinkMessages.Json.Format(will))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillDelayInterval(_options.WillDelaySeconds)
            .WithWillContentType(LinkMessages.ContentType)
            .WithWillPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithWillUserProperty(LinkMessages.SchemaProperty, LinkMessages.Utf8(KioskState.Descriptor.FullName))
            .WithWillUserProperty(LinkMessages.SchemaVersionProperty, LinkMessages.Utf8(LinkMessages.SchemaVersion));
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(CentralTls.Build(_options));
        }

        // A new signal before the attempt: a session lost at any moment after it is up completes this one.
        Interlocked.Exchange(ref _lost, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _connection);
        await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        SessionSequenceUsed(sequence);
        try
        {
            await SubscribeAsync(cancellationToken).ConfigureAwait(false);
            await _client.PublishAsync(StateMessage("online", "connected"), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Half a session (no ack subscription, no "online") is no session: start over.
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            throw;
        }

        LogConnected(_options.Host, _options.Port, Topics.State, sequence);
        // The generation moves before the session counts as ready, so a publisher never sees a ready
        // session under the previous generation (and resends everything it just sent).
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _ready, true);
        Volatile.Read(ref _connected).TrySetResult();
        Connected?.Invoke();
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// The number of this connect attempt: a new one only after the previous number was used by a
    /// connection the broker accepted (failed attempts keep theirs, so the number counts connects).
    /// A new number is the stored one + 1 or the Unix time in milliseconds, whichever is higher, so
    /// it stays monotonic when the journal is new, replaced or read-only. Persisted before use; if
    /// the journal cannot commit, the link must still come up (to report the fault), so the number
    /// then only grows in memory, with the same clock floor.
    /// </summary>
    private async Task<ulong> NextSessionSequenceAsync(CancellationToken cancellationToken)
    {
        if (_attemptSequence is { } kept)
        {
            return kept;
        }

        var floor = (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds());
        ulong next;
        try
        {
            next = await _journal.NextSessionSequenceAsync(floor, cancellationToken).ConfigureAwait(false);
        }
        catch (JournalUnavailableException ex)
        {
            next = Math.Max(SessionSequence + 1, floor);
            LogSessionSequenceNotPersisted(ex.Fault.Reason);
        }

        _attemptSequence = next;
        return next;
    }

    /// <summary>The largest payload any handler accepts, plus <see cref="PacketOverheadBytes"/>: the maximum packet size announced at connect.</summary>
    internal int MaximumPacketBytes() =>
        (int)Math.Min(int.MaxValue, (long)Handlers.Select(h => h.LargestPayloadBytes).DefaultIfEmpty(0).Max() + PacketOverheadBytes);

    /// <summary>The broker accepted the connection numbered <paramref name="sequence"/>: its state messages carry it, the next connect takes a new one.</summary>
    private void SessionSequenceUsed(ulong sequence)
    {
        _attemptSequence = null;
        Volatile.Write(ref _sessionSequence, sequence);
    }

    /// <summary>Handlers are resolved on first use: they may depend on this connection to answer.</summary>
    private IReadOnlyList<IMqttInboundHandler> Handlers =>
        _handlers ??= [.. _services.GetServices<IMqttInboundHandler>()];

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var filters = Handlers
            .SelectMany(h => h.TopicFilters(Topics).Select(f => (Filter: f, h.RetainedByContract)))
            .DistinctBy(f => f.Filter, StringComparer.Ordinal)
            .ToList();
        if (filters.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var (filter, retained) in filters)
        {
            builder.WithTopicFilter(new MqttTopicFilterBuilder()
                .WithTopic(filter)
                .WithAtLeastOnceQoS()
                .WithRetainHandling(retained ? MqttRetainHandling.SendAtSubscribe : MqttRetainHandling.DoNotSendOnSubscribe)
                .WithRetainAsPublished(!retained)
                .Build());
        }

        // A refused filter (an ACL, a broker in trouble) leaves the kiosk deaf to it while it looks
        // connected: that is a half session, and the caller starts over (logged with the filters).
        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            throw new MqttCommunicationException($"the broker refused the subscription(s) {string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})"))}");
        }
    }

    private DeadLetterLog DeadLetters => _services.GetRequiredService<DeadLetterLog>();

    /// <summary>
    /// Queues the message for <see cref="DispatchInboundAsync"/>: the client's receive loop must not
    /// wait for a handler (a journal commit, a member delta), or the PUBACKs of this kiosk's own
    /// publishes wait behind it. The PUBACK for the message goes out once it was handled, in order.
    /// Sizes are checked before anything is copied: a message above the announced maximum packet
    /// size (a broker that ignores it) and a QoS 0 message that finds the queue full are counted
    /// and dead-lettered unread.
    /// </summary>
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        var message = args.ApplicationMessage;
        if (message.Payload.Length > Volatile.Read(ref _maximumPacketBytes))
        {
            DeadLetters.RejectUnread(LinkKind, "oversized", message.Topic, message.Payload.Length);
            // Acknowledged, so the broker does not deliver it again on the next session.
            return AcknowledgeQuietlyAsync(args);
        }

        if (!_inbound.TryAdd(message, args, Volatile.Read(ref _connection)))
        {
            DeadLetters.RejectUnread(LinkKind, "qos0_dropped", message.Topic, message.Payload.Length);
        }

        return Task.CompletedTask;
    }

    private async Task DispatchInboundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _inbound.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RouteAsync(item.Message).ConfigureAwait(false);

                    // A message of a connection that is gone is not acknowledged on the next one: its
                    // packet id means nothing there (or another message). A resumed session delivers it again.
                    if (item.Connection == Volatile.Read(ref _connection))
                    {
                        await AcknowledgeQuietlyAsync(item.Received).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
                {
                    // This loop is the kiosk's only ear: whatever one message does, the next one is
                    // still handled (a loop that ended here would leave the kiosk connected but deaf).
                    LogDispatchFailed(item.Message.Topic, ex.GetType().Name, ex.Message);
                }
                finally
                {
                    _inbound.Done(item);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static async Task AcknowledgeQuietlyAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        try
        {
            await received.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The connection the message came on is gone (MQTTnet reports that as a communication
            // error, a cancellation or a disposed object, depending on when): the broker delivers
            // the message again on a resumed session; a new session does not expect this PUBACK.
        }
    }

    private async Task RouteAsync(MqttApplicationMessage message)
    {
        var handler = Handlers.FirstOrDefault(h => h.TopicFilters(Topics).Any(f => MqttTopicFilterComparer.Compare(message.Topic, f) == MqttTopicFilterCompareResult.IsMatch));
        if (handler is null)
        {
            _services.GetRequiredService<DeadLetterLog>().Reject("unrouted", "no_handler", message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));
            return;
        }

        // Central's signature first, in this one place: no handler ever sees a forged message.
        if (!_services.GetRequiredService<CentralSignatures>().Accepts(message, handler.KindOf(message.Topic)))
        {
            return;
        }

        try
        {
            await handler.HandleAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A handler must not throw for bad input; if one does, the link still carries on.
            _services.GetRequiredService<DeadLetterLog>().Reject(handler.Kind, "handler_failed", message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));
            LogHandlerFailed(handler.Kind, message.Topic, ex.GetType().Name);
        }
    }

    private MqttApplicationMessage StateMessage(string state, string reason) =>
        LinkMessages.Create(Topics.State, State(state, reason, SessionSequence)).WithRetainFlag(true).Build();

    private KioskState State(string state, string reason, ulong sessionSequence) => new()
    {
        State = state,
        KioskId = _kiosk.KioskId,
        SiteId = _kiosk.SiteId,
        Session = _session,
        SessionSeq = sessionSequence,
        AgentVersion = AgentVersion.Current,
        Reason = reason,
        At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
    };

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        // Failed connect attempts raise this too; only a lost session resets the "connected" signal.
        if (args.ClientWasConnected)
        {
            Volatile.Write(ref _ready, false);
            Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Read(ref _lost).TrySetResult();
            LogDisconnected(args.Reason.ToString());
            Disconnected?.Invoke();
        }

        return Task.CompletedTask;
    }

    private static TimeSpan Jitter(TimeSpan delay) =>
        delay * (0.8 + (0.4 * Random.Shared.NextDouble()));

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message from central on {Topic} failed ({Error}: {Detail}); the next messages are handled as usual")]
    private partial void LogDispatchFailed(string topic, string error, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to central broker {Host}:{Port}; state on {Topic} (session #{SessionSequence})")]
    private partial void LogConnected(string host, int port, string topic, ulong sessionSequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session sequence not persisted ({Reason}); counting on in memory")]
    private partial void LogSessionSequenceNotPersisted(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach central broker {Host}:{Port}, retrying in ~{Seconds}s: {Error}")]
    private partial void LogConnectFailed(string host, int port, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnected from central broker: {Reason}")]
    private partial void LogDisconnected(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} handler failed on a message on {Topic}: {Error}")]
    private partial void LogHandlerFailed(string kind, string topic, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central broker {Host}:{Port} did not answer a keep-alive ping ({Error}); ending the session to reconnect")]
    private partial void LogPingUnanswered(string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not announce shutdown to central: {Error}")]
    private partial void LogShutdownNotice(string error);
}
