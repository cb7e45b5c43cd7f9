namespace KioskAgent.CentralLink;

/// <summary>The topics of one kiosk, see docs/mqtt-contract.md.</summary>
public sealed class KioskTopics(string root, string siteId, string kioskId)
{
    public string Base { get; } = $"{root.TrimEnd('/')}/{siteId}/{kioskId}";

    /// <summary>Retained online/offline state; the last will sets it offline.</summary>
    public string State => $"{Base}/state";

    /// <summary>Retained health report: devices, outbox backlog, counters.</summary>
    public string Health => $"{Base}/health";

    /// <summary>Journal transactions, QoS 1, one message per transaction.</summary>
    public string Transactions => $"{Base}/tx";
}
