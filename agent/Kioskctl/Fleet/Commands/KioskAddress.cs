using System.Text.RegularExpressions;

namespace Kioskctl.Fleet.Commands;

/// <summary>"site/kiosk" on the command line; each id is one wildcard-free topic level (docs/mqtt-contract.md).</summary>
public sealed partial record KioskAddress(string SiteId, string KioskId)
{
    public static bool TryParse(string text, out KioskAddress address)
    {
        address = new KioskAddress("", "");
        var parts = text.Split('/');
        if (parts.Length != 2 || !Id().IsMatch(parts[0]) || !Id().IsMatch(parts[1]))
        {
            return false;
        }

        address = new KioskAddress(parts[0], parts[1]);
        return true;
    }

    public override string ToString() => $"{SiteId}/{KioskId}";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Id();
}
