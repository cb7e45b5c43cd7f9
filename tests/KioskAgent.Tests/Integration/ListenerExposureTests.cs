using System.Net;
using System.Net.Sockets;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A production kiosk on its LAN: started with the shipped configuration (provisioning on every
/// interface, as shipped) inside a network namespace the test made, joined to the test by a veth
/// pair. Only the provisioning listener is bound to a non-loopback address, and from the LAN only
/// it answers; the UI and gRPC ports are loopback only.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ListenerExposureTests
{
    [Fact]
    public async Task AShippedKiosk_ListensOnTheLan_OnlyWithTheProvisioningListener()
    {
        using var lan = NetworkNamespace.Create();
        var settings = new AgentSettings { ShippedDevices = true, NetworkNamespace = lan.Name };
        await using var agent = AgentProcess.Launch(settings);
        int[] ports = [settings.UiPort, settings.GrpcPort, settings.ProvisioningPort];

        var listening = await Eventually.ValueAsync(
            () =>
            {
                var endpoints = agent.HasExited ? throw new InvalidOperationException($"the agent exited: {agent.Output}") : ListeningSockets.Of(agent.ProcessId);
                return ports.All(p => endpoints.Any(e => e.Port == p)) ? endpoints : null;
            },
            "the agent listening on its UI, gRPC and provisioning ports",
            TimeSpan.FromSeconds(60));

        var exposed = listening.Where(e => !IPAddress.IsLoopback(e.Address)).ToList();
        Assert.True(exposed.All(e => e.Port == settings.ProvisioningPort), $"listening beyond loopback: {string.Join(", ", exposed)}");
        Assert.Contains(exposed, e => e.Port == settings.ProvisioningPort);
        Assert.All(listening.Where(e => e.Port == settings.UiPort || e.Port == settings.GrpcPort), e => Assert.True(IPAddress.IsLoopback(e.Address), $"{e} is not loopback"));

        // And as a laptop on the LAN sees it.
        Assert.True(await ConnectsAsync(lan.KioskAddress, settings.ProvisioningPort), "the provisioning listener does not answer from the LAN");
        Assert.False(await ConnectsAsync(lan.KioskAddress, settings.UiPort), "the UI port answers from the LAN");
        Assert.False(await ConnectsAsync(lan.KioskAddress, settings.GrpcPort), "the gRPC port answers from the LAN");
    }

    private static async Task<bool> ConnectsAsync(string address, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(address), port, timeout.Token);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
