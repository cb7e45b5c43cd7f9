using Google.Protobuf;
using KioskAgent.Central.Presence;
using KioskAgent.Central.Transactions;
using KioskAgent.Central.Vouchers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.Central;

/// <summary>
/// The central membership system's side of docs/mqtt-contract.md, small enough to read and to run
/// in tests and demo mode. It is composed of parts (<see cref="ICentralPart"/>): transactions
/// (store once, acknowledge) and presence (online/offline without stale deaths) are built in;
/// further parts come through <see cref="ReferenceCentralOptions.Parts"/>. Several instances with
/// the same share group split the kiosks' work between them. It reconnects by itself when the
/// broker goes away.
/// </summary>
public sealed class ReferenceCentral : ICentralPublisher, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Socket send and receive buffers. MQTTnet always sets both, to 8 KiB unless told otherwise,
    /// which turns off Linux's autotuning: a receive window below one loopback segment leaves
    /// mosquitto in zero-window probing with exponential back-off, and this subscriber then got
    /// nothing for up to 100 s in the middle of a backlog (docs/benchmarks.md#outbox-drain).
    /// </summary>
    public const int SocketBufferBytes = 1024 * 1024;

    private readonly IMqttClient _client;
    private readonly string _host;
    private readonly int _port;
    private readonly ReferenceCentralOptions _options;
    private readonly bool _ownsStore;
    private readonly List<ICentralPart> _parts;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private Task _keepConnected = Task.CompletedTask;
    private int _connects;

    private ReferenceCentral(string host, int port, ReferenceCentralOptions options)
    {
        _host = host;
        _port = port;
        _options = options;
        Topics = new CentralTopics(options.TopicRoot, options.ShareGroup ?? CentralTopics.DefaultShareGroup);
        _ownsStore = options.Store is null;
        var store = options.Store ?? new TransactionStore();
        Transactions = new TransactionLedger(store, options.Judge, options.AckBatchSize, options.AckDelay, options.Time, options.Log);
        Presence = new PresenceTracker(options.Time, options.Log);
        Vouchers = new CentralVouchers(store, options.Time);
        _parts = [Transactions, Presence, Vouchers, .. options.Parts];
        foreach (var part in _parts)
        {
            part.Attach(this);
        }

        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public CentralTopics Topics { get; }

    public TransactionLedger Transactions { get; }

    public PresenceTracker Presence { get; }

    /// <summary>Vouchers from every kiosk's redemptions and uses; answers voucher queries.</summary>
    public CentralVouchers Vouchers { get; }

    public IReadOnlyList<ICentralPart> Parts => _parts;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Successful connects so far (1 after start; more after broker restarts).</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Connects (retrying until <paramref name="cancellationToken"/> gives up), subscribes every part, and keeps the connection up.</summary>
    public static async Task<ReferenceCentral> StartAsync(string host, int port, ReferenceCentralOptions? options = null, CancellationToken cancellationToken = default)
    {
        var central = new ReferenceCentral(host, port, options ?? new ReferenceCentralOptions());
        try
        {
            await central.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await central.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        central._keepConnected = Task.Run(central.KeepConnectedAsync, CancellationToken.None);
        return central;
    }

    /// <summary>The part of type <typeparamref name="T"/> (e.g. one added through the options).</summary>
    public T Part<T>()
        where T : ICentralPart => _parts.OfType<T>().Single();

    /// <summary>Completes once connected and subscribed, connecting if needed.</summary>
    public async Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        while (!_client.IsConnected)
        {
            if (!await TryConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(RetryDelay, _options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<bool> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken, Action<MqttApplicationMessageBuilder>? configure = null)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var builder = CentralMessages.Create(topic, message);
        configure?.Invoke(builder);
        var mqtt = builder.Build();
        _options.Signer?.Sign(mqtt);
        try
        {
            var result = await _client.PublishAsync(mqtt, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            _options.Log?.Invoke($"publish to {topic} failed: {ex.Message}");
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _keepConnected.ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Going away anyway.
            }
        }

        _client.Dispose();
        if (_ownsStore)
        {
            Transactions.Store.Dispose();
        }
        else
        {
            Transactions.Store.Flush();
        }

        _stop.Dispose();
        _connectGate.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await TryConnectAsync(_stop.Token).ConfigureAwait(false);
                }

                await Task.Delay(RetryDelay, _options.Time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                return true;
            }

            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_host, _port)
                .WithTcpServer(o => o.BufferSize = SocketBufferBytes)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId(_options.ClientId)
                .WithCleanStart(true)
                .WithTimeout(TimeSpan.FromSeconds(5));
            if (!string.IsNullOrEmpty(_options.Username))
            {
                builder.WithCredentials(_options.Username, _options.Password);
            }

            _options.ConfigureClient?.Invoke(builder);
            await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            try
            {
                await SubscribeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Connected but not subscribed is no central: it would take nothing and answer
                // nothing while looking connected, and the keeper would never try again. Start over.
                await DisconnectQuietlyAsync().ConfigureAwait(false);
                throw;
            }

            Interlocked.Increment(ref _connects);
            _options.Log?.Invoke($"central {_options.ClientId} connected to {_host}:{_port}");
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _options.Log?.Invoke($"central {_options.ClientId} cannot connect: {ex.Message}");
            return false;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var subscription in _parts.SelectMany(p => p.Subscriptions(Topics)).Distinct())
        {
            var filter = subscription.Shared && _options.ShareGroup is not null ? Topics.Shared(subscription.Filter) : subscription.Filter;
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException($"the broker refused the subscription(s) {string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})"))}");
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var mqtt = args.ApplicationMessage;
        if (!Topics.TryParseKiosk(mqtt.Topic, out var site, out var kiosk, out var rest))
        {
            return;
        }

        var message = new CentralMessage(site, kiosk, rest, mqtt);
        foreach (var part in _parts)
        {
            if (!part.Subscriptions(Topics).Any(s => MqttTopicFilterComparer.Compare(mqtt.Topic, s.Filter) == MqttTopicFilterCompareResult.IsMatch))
            {
                continue;
            }

            try
            {
                await part.HandleAsync(message, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A part must not throw; if one does, the others and the connection carry on.
                _options.Log?.Invoke($"{part.GetType().Name} failed on {mqtt.Topic}: {ex.GetType().Name}");
            }
        }
    }
}
