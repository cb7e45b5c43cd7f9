using KioskAgent.Contracts.V1;

namespace KioskAgent.Members.Import;

/// <summary>Card states as written in a file, in English or in the Chinese a back office uses.</summary>
public static class CardStateNames
{
    private static readonly Dictionary<string, MemberCardState> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = MemberCardState.Active,
        ["正常"] = MemberCardState.Active,
        ["lost"] = MemberCardState.Lost,
        ["挂失"] = MemberCardState.Lost,
        ["frozen"] = MemberCardState.Frozen,
        ["冻结"] = MemberCardState.Frozen,
        ["cancelled"] = MemberCardState.Cancelled,
        ["canceled"] = MemberCardState.Cancelled,
        ["注销"] = MemberCardState.Cancelled,
        ["expired"] = MemberCardState.Expired,
        ["过期"] = MemberCardState.Expired,
        ["replaced"] = MemberCardState.Replaced,
        ["补卡"] = MemberCardState.Replaced,
    };

    public const string Accepted = "active/lost/frozen/cancelled/expired/replaced or 正常/挂失/冻结/注销/过期/补卡";

    /// <summary>An empty state means active.</summary>
    public static bool TryParse(string text, out MemberCardState state)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            state = MemberCardState.Active;
            return true;
        }

        return Names.TryGetValue(text.Trim(), out state);
    }
}
