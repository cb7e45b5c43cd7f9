namespace KioskAgent.CheckIn;

/// <summary>What became of an activity catalog from central; <see cref="Reason"/> is the dead-letter reason of a refusal.</summary>
public sealed record CatalogVerdict(bool Applied, string Reason)
{
    public static CatalogVerdict Ok { get; } = new(true, "");

    public static CatalogVerdict Refused(string reason) => new(false, reason);
}
