namespace KioskAgent.CentralLink;

/// <summary>The topics of one kiosk, see docs/mqtt-contract.md.</summary>
public sealed class KioskTopics(string root, string siteId, string kioskId)
{
    public string Root { get; } = root.TrimEnd('/');

    public string Base { get; } = $"{root.TrimEnd('/')}/{siteId}/{kioskId}";

    // Kiosk -> central.

    /// <summary>Retained online/offline state; the last will sets it offline.</summary>
    public string State => $"{Base}/state";

    /// <summary>Retained health report: devices, outbox backlog, counters.</summary>
    public string Health => $"{Base}/health";

    /// <summary>Journal transactions, QoS 1, one message per transaction.</summary>
    public string Transactions => $"{Base}/tx";

    /// <summary>Retained: the configuration the kiosk runs with.</summary>
    public string ConfigReported => $"{Base}/config/reported";

    /// <summary>"Send me a full member snapshot".</summary>
    public string MembersResync => $"{Base}/members/resync";

    /// <summary>Live member queries (MQTT 5 request/response).</summary>
    public string MembersQuery => $"{Base}/members/query";

    /// <summary>"Is this voucher usable?" (MQTT 5 request/response), for vouchers other kiosks printed.</summary>
    public string VouchersQuery => $"{Base}/vouchers/query";

    /// <summary>Command answers go only to response topics below this prefix.</summary>
    public string ReplyPrefix => $"{Base}/reply/";

    // Central -> kiosk.

    /// <summary>Application-level transaction acknowledgements.</summary>
    public string Ack => $"{Base}/ack";

    /// <summary>Commands (MQTT 5 response topic + correlation data + message expiry).</summary>
    public string Command => $"{Base}/cmd";

    /// <summary>Retained: the configuration central wants the kiosk to run with.</summary>
    public string ConfigDesired => $"{Base}/config/desired";

    public string MembersSnapshot => $"{Base}/members/snapshot";

    public string MembersDelta => $"{Base}/members/delta";

    /// <summary>Where central answers this kiosk's member queries.</summary>
    public string MembersAnswer => $"{Base}/members/answer";

    /// <summary>Where central answers this kiosk's voucher queries.</summary>
    public string VouchersAnswer => $"{Base}/vouchers/answer";

    /// <summary>Check-ins other kiosks of the same activity accepted, and the conflicts central found.</summary>
    public string CheckInRelay => $"{Base}/checkins/relay";
}
