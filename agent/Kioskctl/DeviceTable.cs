using KioskAgent.Contracts.V1;
using Spectre.Console;

namespace Kioskctl;

/// <summary>
/// Prints devices: a table with the state in colour on a terminal; one padded line per device when
/// the output goes to a pipe or a file, so `kioskctl devices | grep printer` sees whole rows (a
/// table there would wrap a long reason at 80 columns).
/// </summary>
public static class DeviceTable
{
    public static void Write(IEnumerable<DeviceStatus> devices)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.WriteLine($"{"DEVICE",-40} {"KIND",-12} {"DRIVER",-16} {"STATE",-9} {"SINCE",-20} REASON");
            foreach (var d in devices)
            {
                Console.WriteLine($"{d.DeviceId,-40} {d.Kind,-12} {d.Driver,-16} {State(d),-9} {Since(d),-20} {d.Reason}");
            }

            return;
        }

        var table = new Table().AddColumns("DEVICE", "KIND", "DRIVER", "STATE", "SINCE", "REASON");
        foreach (var d in devices)
        {
            var colour = d.State switch
            {
                DeviceState.Ok => "green",
                DeviceState.Degraded => "yellow",
                _ => "red",
            };
            table.AddRow(Markup.Escape(d.DeviceId), Markup.Escape(d.Kind), Markup.Escape(d.Driver), $"[{colour}]{State(d)}[/]", Since(d), Markup.Escape(d.Reason));
        }

        AnsiConsole.Write(table);
    }

    private static string State(DeviceStatus d) => d.State.ToString().ToUpperInvariant();

    private static string Since(DeviceStatus d) =>
        d.Since?.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
