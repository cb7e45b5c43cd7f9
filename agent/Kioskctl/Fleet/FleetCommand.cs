using System.CommandLine;
using Kioskctl.Fleet.Central;
using Kioskctl.Fleet.Commands;
using Kioskctl.Fleet.Signing;
using Kioskctl.Fleet.Simulation;
using Kioskctl.Fleet.Watch;

namespace Kioskctl.Fleet;

/// <summary>kioskctl fleet: central ops' view of every kiosk over the MQTT broker, not one agent's gRPC.</summary>
public static class FleetCommand
{
    public static Command Create()
    {
        var broker = new BrokerOptions();
        var fleet = new Command("fleet", "Watch and command the whole fleet over the MQTT broker (central ops)");
        broker.AddTo(fleet);
        fleet.Subcommands.Add(FleetWatchCommand.Create(broker));
        fleet.Subcommands.Add(FleetCmdCommand.Create(broker));
        fleet.Subcommands.Add(FleetSimulateCommand.Create(broker));
        fleet.Subcommands.Add(FleetCentralCommand.Create(broker));
        fleet.Subcommands.Add(FleetKeygenCommand.Create());
        return fleet;
    }
}
