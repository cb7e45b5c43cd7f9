using KioskAgent.Central.Signing;
using KioskAgent.Central.Transactions;
using MQTTnet;

namespace KioskAgent.Central;

/// <summary>How a <see cref="ReferenceCentral"/> instance connects and behaves.</summary>
public sealed class ReferenceCentralOptions
{
    /// <summary>MQTT client id; unique per instance (instances of one share group split the work).</summary>
    public string ClientId { get; set; } = $"central-{Guid.NewGuid():N}";

    public string TopicRoot { get; set; } = CentralTopics.DefaultRoot;

    /// <summary>
    /// Shared-subscription group for work topics (<c>$share/{group}/...</c>). Null subscribes to
    /// them plainly: for brokers without shared subscriptions (the demo's in-process broker) and a
    /// single instance.
    /// </summary>
    public string? ShareGroup { get; set; } = CentralTopics.DefaultShareGroup;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// Central's signing key: every message to a kiosk (acks, commands, configuration, member data,
    /// answers) is signed with it (docs/mqtt-contract.md, "Signatures"). Null: unsigned, for sites
    /// whose kiosks run with <c>Central:Signatures=Off</c>. The caller keeps ownership.
    /// </summary>
    public CentralSigner? Signer { get; set; }

    /// <summary>Last say on the MQTT client options, e.g. TLS (<c>builder.WithTlsOptions(...)</c>).</summary>
    public Action<MqttClientOptionsBuilder>? ConfigureClient { get; set; }

    /// <summary>
    /// Where transactions are kept. Share one store between instances to model one central
    /// database; give it a file (<see cref="TransactionStore(string?)"/>) to inspect it or restart on it.
    /// Null: a fresh in-memory store for this instance.
    /// </summary>
    public TransactionStore? Store { get; set; }

    /// <summary>Central's business verdict on a new transaction: null accepts it, a reason rejects it.</summary>
    public TransactionJudge? Judge { get; set; }

    /// <summary>An ack goes out after this many new messages from one kiosk, or after <see cref="AckDelay"/>.</summary>
    public int AckBatchSize { get; set; } = 50;

    public TimeSpan AckDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Further parts (member sync, fleet views ...) composed next to transactions and presence.</summary>
    public IList<ICentralPart> Parts { get; } = [];

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Diagnostics (connects, disconnects, refused messages); never payloads.</summary>
    public Action<string>? Log { get; set; }
}
