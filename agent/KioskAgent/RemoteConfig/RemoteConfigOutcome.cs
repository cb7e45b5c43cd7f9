namespace KioskAgent.RemoteConfig;

/// <summary>What became of a desired configuration or a set_config.</summary>
/// <param name="Reason">For refusals: a code for counters (<c>stale</c>, <c>not_allowed</c>, <c>invalid</c>).</param>
/// <param name="Detail">For refusals: the words for central (which keys, which rules).</param>
public sealed record RemoteConfigOutcome(RemoteConfigOutcomeKind Kind, string Reason = "", string Detail = "")
{
    public bool Applied => Kind == RemoteConfigOutcomeKind.Applied;
}
