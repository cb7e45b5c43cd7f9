namespace KioskAgent.CentralLink;

/// <summary>How the agent reaches the central membership system's MQTT broker.</summary>
public sealed class CentralLinkOptions
{
    public const string Section = "Central";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connect over TLS (the broker's TLS listener, usually port 8883).</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// PEM file with the CA certificate(s) that signed the broker's certificate. When set, only these
    /// CAs are trusted for the broker (not the system store); when empty, the system store decides.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate for brokers that require one (mosquitto require_certificate).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/> (unencrypted; keep it mode 0600).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The name the broker's certificate must carry, when it differs from <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>Versioned root of every kiosk topic: {TopicRoot}/{site}/{kiosk}/...</summary>
    public string TopicRoot { get; set; } = "kiosk/v1";

    /// <summary>
    /// MQTT keep-alive announced at connect: the kiosk sends a packet (a PINGREQ when nothing else
    /// went out) at least every half of it, and the broker drops the kiosk (firing its will) after 1.5
    /// times it without a packet. A ping unanswered within 10 s ends the session (reconnect).
    /// </summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>Period of the health report; device changes are reported at once in between.</summary>
    public int TelemetrySeconds { get; set; } = 30;

    /// <summary>First wait after a failed connect; doubles up to <see cref="ReconnectMaxSeconds"/>.</summary>
    public double ReconnectMinSeconds { get; set; } = 1;

    public double ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>
    /// How long the broker keeps this kiosk's session (subscriptions, queued QoS 1 messages such as
    /// commands and acks) after a disconnect. MQTT 5 session expiry interval.
    /// </summary>
    public uint SessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// MQTT 5 will delay: the broker publishes the "offline" last will only if the kiosk has not
    /// reconnected within this many seconds, so a short network blip raises no alarm.
    /// </summary>
    public uint WillDelaySeconds { get; set; } = 10;

    /// <summary>
    /// Transactions sent to central and not yet acknowledged by it, at most. Large enough that
    /// central's ack round trip does not stall a backlog drain (docs/benchmarks.md#outbox-drain);
    /// in batches of <see cref="OutboxBatchMax"/> that is 40 messages, far below mosquitto's default
    /// queue of 1,000 messages per subscriber.
    /// </summary>
    public int OutboxMaxInFlight { get; set; } = 2000;

    /// <summary>
    /// QoS 1 publishes of the outbox awaiting their broker PUBACK at once (1: one after the other).
    /// Below mosquitto's default receive maximum of 20 (MQTT 5 §3.2.2.3.3).
    /// </summary>
    public int OutboxPublishPipeline { get; set; } = 16;

    /// <summary>
    /// At most this many transactions go in one message when more than one is waiting (a backlog
    /// after an outage): a <c>kiosk.v1.TransactionBatch</c> on the same topic. 1: one message per
    /// transaction always. A live tap with nothing else waiting always goes alone.
    /// </summary>
    public int OutboxBatchMax { get; set; } = 50;

    /// <summary>A batch stops growing before its payload passes this many bytes.</summary>
    public int OutboxBatchMaxBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// A transaction central has not acknowledged after this many seconds is sent again; each
    /// further attempt waits twice as long (with jitter) up to <see cref="OutboxAckTimeoutMaxSeconds"/>.
    /// Every reconnect sends all unacknowledged transactions again at once.
    /// </summary>
    public double OutboxAckTimeoutSeconds { get; set; } = 10;

    public double OutboxAckTimeoutMaxSeconds { get; set; } = 300;

    /// <summary>Health raises the outbox alarm when the oldest unacknowledged transaction is older than this.</summary>
    public int OutboxAlarmSeconds { get; set; } = 900;

    /// <summary>
    /// MQTT 5 receive maximum announced at connect: QoS 1 and 2 messages the broker may have in
    /// flight to the kiosk at once (MQTT 5 §3.1.2.11.3). The agent acknowledges a message only once
    /// it was handled, so this also bounds the QoS 1 messages waiting in memory.
    /// </summary>
    public int ReceiveMaximum { get; set; } = 16;

    /// <summary>
    /// Messages from central waiting to be handled, at most, counting every QoS. A QoS 0 message
    /// that arrives when the queue holds this many, or <see cref="InboundQueueBytes"/>, is dropped
    /// and counted (QoS 1 and 2 are bounded by <see cref="ReceiveMaximum"/> instead, and never dropped).
    /// </summary>
    public int InboundQueueMessages { get; set; } = 64;

    /// <summary>Payload bytes waiting to be handled above which QoS 0 messages are dropped (one message is always taken).</summary>
    public int InboundQueueBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Whether every message from central must be signed by one of <see cref="SigningKeys"/>
    /// (docs/mqtt-contract.md, "Signatures"). <c>Off</c> only for a central that cannot sign yet;
    /// health then reports the kiosk as degraded.
    /// </summary>
    public CentralSignatureMode Signatures { get; set; } = CentralSignatureMode.Required;

    /// <summary>
    /// Central's public keys this kiosk trusts, several during a key rotation. Provisioned with the
    /// kiosk (never remotely settable): a key that central could change could be changed by a forger.
    /// </summary>
    public List<CentralSigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>
    /// Run an MQTT broker inside the agent on <see cref="Host"/>:<see cref="Port"/> (demo mode: no
    /// broker to install). A production kiosk never does this.
    /// </summary>
    public bool EmbeddedBroker { get; set; }
}
