using System.Buffers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Central.Fleet.Load;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kioskctl.Fleet.Simulation;

/// <summary>
/// One lightweight kiosk on its own MQTT 5 session, speaking docs/mqtt-contract.md like the agent:
/// a persistent session (clean start false) with a retained "offline" last will carrying its
/// session_seq, retained "online" state and health heartbeats, card-tap transactions kept in an
/// in-memory outbox until central acknowledges them (resent after a timeout or a reconnect), and
/// answers to ping commands. No journal, no devices: just the traffic.
/// </summary>
public sealed class SimulatedKiosk : IAsyncDisposable
{
    public const string Version = "0.1.0-sim";
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly IMqttClient _client;
    private readonly BrokerSettings _broker;
    private readonly SimulationOptions _options;
    private readonly LoadStats _stats;
    private readonly TimeProvider _time;
    private readonly TapGenerator _taps;
    private readonly PendingTransactions _outbox = new();
    private readonly Random _random;
    private readonly string _base;
    private readonly bool _faulty;
    private readonly string _session = Guid.CreateVersion7().ToString();
    private readonly DateTimeOffset _started;
    private long _accepted;
    private readonly Dictionary<string, long> _refused = [];
    private ulong _sessionSeq;
    private bool _everConnected;
    private volatile bool _stopping;

    public SimulatedKiosk(string siteId, string kioskId, ulong firstSessionSeq, BrokerSettings broker, SimulationOptions options, LoadStats stats, Random random, TimeProvider time)
    {
        SiteId = siteId;
        KioskId = kioskId;
        _sessionSeq = firstSessionSeq - 1;
        _broker = broker;
        _options = options;
        _stats = stats;
        _random = random;
        _time = time;
        _started = time.GetUtcNow();
        _base = $"{broker.TopicRoot.TrimEnd('/')}/{siteId}/{kioskId}";
        _taps = new TapGenerator(random, options.RatePerMinute, options.RefusedShare);
        _faulty = random.NextDouble() < options.FaultShare;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected && !_stopping)
            {
                _stats.Disconnect();
            }

            return Task.CompletedTask;
        };
    }

    public string SiteId { get; }

    public string KioskId { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Connects (and reconnects) and produces traffic until <paramref name="trafficEnd"/>; keeps the
    /// session, heartbeats and resends going until cancelled.
    /// </summary>
    public async Task RunAsync(DateTimeOffset trafficEnd, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var nextTap = _time.GetUtcNow() + _taps.NextGap();
        var nextHealth = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    if (!await TryConnectAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await Task.Delay(backoff * (0.5 + _random.NextDouble()), _time, cancellationToken).ConfigureAwait(false);
                        backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 10));
                        continue;
                    }

                    backoff = TimeSpan.FromSeconds(1);
                    nextHealth = DateTimeOffset.MinValue;
                    await SendAsync(_outbox.All(), cancellationToken).ConfigureAwait(false);
                }

                var now = _time.GetUtcNow();
                while (now >= nextTap && nextTap < trafficEnd)
                {
                    var tap = _outbox.Add(_taps.Next(SiteId, KioskId, now), now);
                    Count(tap.CardTap);
                    _stats.Created();
                    await SendAsync([tap], cancellationToken).ConfigureAwait(false);
                    nextTap += _taps.NextGap();
                }

                if (now >= nextHealth)
                {
                    await PublishHealthAsync(cancellationToken).ConfigureAwait(false);
                    // The first heartbeat after connect comes at a random point of the period, so a
                    // fleet that connected together does not report together forever.
                    nextHealth = now + (nextHealth == DateTimeOffset.MinValue ? _options.HealthInterval * _random.NextDouble() : _options.HealthInterval);
                }

                await SendAsync(_outbox.Due(now, _options.AckTimeout), cancellationToken).ConfigureAwait(false);
                var wake = new[] { nextTap < trafficEnd ? nextTap : DateTimeOffset.MaxValue, nextHealth, now + TimeSpan.FromSeconds(1) }.Min();
                if (wake > now)
                {
                    await Task.Delay(wake - now, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A lost session or a publish timeout: the loop reconnects; the outbox keeps everything.
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _stats.LoopFailed($"{ex.GetType().Name}: {ex.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Leaves like an agent that shuts down: "offline" (reason shutdown) retained, then a clean
    /// disconnect (no will); or with <paramref name="clearRetained"/> removes its retained messages.
    /// </summary>
    public async Task StopAsync(bool clearRetained, CancellationToken cancellationToken)
    {
        _stopping = true;
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            if (clearRetained)
            {
                await _client.PublishAsync(Retained($"{_base}/state", []), cancellationToken).ConfigureAwait(false);
                await _client.PublishAsync(Retained($"{_base}/health", []), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.PublishAsync(Retained($"{_base}/state", Encoding.UTF8.GetBytes(Formatter.Format(State("offline", "shutdown")))), cancellationToken).ConfigureAwait(false);
            }

            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Leaving anyway; the will says offline.
        }
        finally
        {
            _stats.Closed();
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        _sessionSeq++;
        var will = Encoding.UTF8.GetBytes(Formatter.Format(State("offline", "connection_lost")));
        var options = _broker.ClientOptions($"kiosk-{SiteId}-{KioskId}")
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithWillTopic($"{_base}/state")
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillDelayInterval((uint)_options.WillDelay.TotalSeconds)
            .WithWillContentType("application/json")
            .Build();
        try
        {
            await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter($"{_base}/ack", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"{_base}/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                cancellationToken).ConfigureAwait(false);
            await _client.PublishAsync(Retained($"{_base}/state", Encoding.UTF8.GetBytes(Formatter.Format(State("online", "connected")))), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _stats.ConnectFailed($"{ex.GetType().Name}: {ex.Message}");
            return false;
        }

        _stats.Connect(first: !_everConnected);
        _everConnected = true;
        return true;
    }

    private async Task SendAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        foreach (var tx in transactions)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"{_base}/tx")
                .WithPayload(Formatter.Format(tx))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .WithSchema(Transaction.Descriptor)
                .WithProperty("kind", "card_tap")
                .WithProperty("tx-id", tx.Id)
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                var attempt = _outbox.MarkSent(tx.Sequence, _time.GetUtcNow());
                _stats.Published(resend: attempt > 1);
            }
        }
    }

    private async Task PublishHealthAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var report = new HealthReport
        {
            KioskId = KioskId,
            SiteId = SiteId,
            AgentVersion = Version,
            At = Timestamp.FromDateTimeOffset(now),
            UptimeSeconds = (ulong)(now - _started).TotalSeconds,
            OutboxPending = (ulong)_outbox.Count,
            OutboxOldestPendingSeconds = _outbox.OldestCreatedAt() is { } oldest ? (ulong)Math.Max(0, (now - oldest).TotalSeconds) : 0,
            MemberSync = new MemberSyncStatus { Version = 1, SnapshotId = "sim", SyncedAt = Timestamp.FromDateTimeOffset(_started), AgeSeconds = (ulong)(now - _started).TotalSeconds },
        };
        report.Devices.Add(Device("member-1", "card_reader", "Pcsc", DeviceState.Ok, "reader present"));
        report.Devices.Add(_faulty
            ? Device("receipt-printer", "printer", "escpos", DeviceState.Fault, "paper_end")
            : Device("receipt-printer", "printer", "escpos", DeviceState.Ok, "ready"));
        report.Counters["taps.accepted"] = Interlocked.Read(ref _accepted);
        lock (_refused)
        {
            foreach (var (reason, count) in _refused)
            {
                report.Counters[$"taps.refused.{reason}"] = count;
            }
        }

        await _client.PublishAsync(Retained($"{_base}/health", Encoding.UTF8.GetBytes(Formatter.Format(report))), cancellationToken).ConfigureAwait(false);
        _stats.HealthReported();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
        var json = Encoding.UTF8.GetString(m.Payload.ToArray());
        if (m.Topic == $"{_base}/ack" && TryParse<TransactionAck>(json) is { } ack)
        {
            _stats.Settled(_outbox.Acknowledge(ack, _time.GetUtcNow()));
        }
        else if (m.Topic == $"{_base}/cmd" && TryParse<KioskCommand>(json) is { } command
            && m.ResponseTopic is { } reply && reply.StartsWith($"{_base}/reply/", StringComparison.Ordinal))
        {
            // Answer off the receive path: a QoS 1 publish waits for its PUBACK, which this path delivers.
            _ = Task.Run(() => AnswerAsync(command, reply, m.CorrelationData));
        }
        else
        {
            _stats.MalformedReceived();
        }

        return Task.CompletedTask;
    }

    private async Task AnswerAsync(KioskCommand command, string replyTopic, byte[]? correlation)
    {
        var now = _time.GetUtcNow();
        var result = new KioskCommandResult { Id = command.Id, Name = command.Name, KioskId = KioskId, At = Timestamp.FromDateTimeOffset(now) };
        if (command.Name == "ping")
        {
            result.Ok = true;
            result.Message = "pong from a simulated kiosk";
            result.Data["uptime_seconds"] = ((long)(now - _started).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Data["outbox_pending"] = _outbox.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            result.Error = "unknown_command";
            result.Message = $"A simulated kiosk only answers ping, not {command.Name}.";
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(replyTopic)
            .WithPayload(Formatter.Format(result))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithSchema(KioskCommandResult.Descriptor);
        if (correlation is not null)
        {
            builder.WithCorrelationData(correlation);
        }

        try
        {
            await _client.PublishAsync(builder.Build()).ConfigureAwait(false);
            _stats.CommandAnswered();
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Central times out and may ask again.
        }
    }

    private void Count(CardTap tap)
    {
        if (tap.Accepted)
        {
            Interlocked.Increment(ref _accepted);
            return;
        }

        lock (_refused)
        {
            _refused[tap.RefusalReason] = _refused.GetValueOrDefault(tap.RefusalReason) + 1;
        }
    }

    private KioskState State(string state, string reason) => new()
    {
        State = state,
        SiteId = SiteId,
        KioskId = KioskId,
        Session = _session,
        SessionSeq = _sessionSeq,
        AgentVersion = Version,
        Reason = reason,
        At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
    };

    private static DeviceStatus Device(string id, string kind, string driver, DeviceState state, string reason) =>
        new() { DeviceId = id, Kind = kind, Driver = driver, State = state, Reason = reason };

    private static MqttApplicationMessage Retained(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();

    private static T? TryParse<T>(string json)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }
}
