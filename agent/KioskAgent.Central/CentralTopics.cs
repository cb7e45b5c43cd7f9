namespace KioskAgent.Central;

/// <summary>
/// Topic filters of the central side (docs/mqtt-contract.md). Work that must be done once per
/// message (storing transactions, answering queries, serving resyncs) is consumed through an MQTT 5
/// shared subscription, so several central instances split the load; watching (state, health) is a
/// plain subscription, every watcher sees everything.
/// </summary>
public sealed class CentralTopics(string root = CentralTopics.DefaultRoot, string shareGroup = CentralTopics.DefaultShareGroup)
{
    public const string DefaultRoot = "kiosk/v1";
    public const string DefaultShareGroup = "central";

    public string Root { get; } = root.TrimEnd('/');

    public string ShareGroup { get; } = shareGroup;

    /// <summary>Base topic of one kiosk: {root}/{site}/{kiosk}.</summary>
    public string KioskBase(string siteId, string kioskId) => $"{Root}/{siteId}/{kioskId}";

    public string Shared(string filter) => $"$share/{ShareGroup}/{filter}";

    public string AllTransactions => $"{Root}/+/+/tx";

    public string AllMemberQueries => $"{Root}/+/+/members/query";

    public string AllResyncRequests => $"{Root}/+/+/members/resync";

    public string AllStates => $"{Root}/+/+/state";

    public string AllHealth => $"{Root}/+/+/health";

    public string AllConfigReported => $"{Root}/+/+/config/reported";

    /// <summary>Splits {root}/{site}/{kiosk}/... into site and kiosk; false for topics outside the root.</summary>
    public bool TryParseKiosk(string topic, out string siteId, out string kioskId, out string rest)
    {
        siteId = kioskId = rest = "";
        var prefix = Root + "/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = topic[prefix.Length..].Split('/', 3);
        if (parts.Length < 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        (siteId, kioskId, rest) = (parts[0], parts[1], parts[2]);
        return true;
    }
}
