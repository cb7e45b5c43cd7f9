namespace KioskAgent.Central;

/// <summary>A kiosk across the fleet: site id and kiosk id, as in its topics.</summary>
public readonly record struct KioskKey(string SiteId, string KioskId)
{
    public override string ToString() => $"{SiteId}/{KioskId}";
}
