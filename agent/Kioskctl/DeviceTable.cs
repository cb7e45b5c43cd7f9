using KioskAgent.Contracts.V1;

namespace Kioskctl;

/// <summary>Prints devices with their state (coloured on a terminal), since when, and why (<see cref="TextTable"/>).</summary>
public static class DeviceTable
{
    private const int StateColumn = 3;

    public static void Write(IEnumerable<DeviceStatus> devices) =>
        TextTable.Write(
            ["DEVICE", "KIND", "DRIVER", "STATE", "SINCE", "REASON"],
            devices.Select(d => (IReadOnlyList<string>)[d.DeviceId, d.Kind, d.Driver, d.State.ToString().ToUpperInvariant(), Since(d), d.Reason]),
            (column, text) => column != StateColumn ? null : text switch
            {
                "OK" => "green",
                "DEGRADED" => "yellow",
                _ => "red",
            });

    private static string Since(DeviceStatus d) =>
        d.Since?.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
