using System.Text;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>A tap also reaches the customer display (an Epson-mode pole display on a real pty) and the signals.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class TapFeedbackTests
{
    [Fact]
    public async Task Tap_ShowsGreetingAndBalanceOnThePoleDisplay_AndRefusalsInWords()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var display = new PtyCapture(pty.PathB);
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string> { ["CustomerDisplay__Kind"] = "EpsonVfd", ["CustomerDisplay__PortName"] = pty.PathA },
        });

        await agent.TapAsync("0411223344556677");
        await Eventually.TrueAsync(() => Text(display).Contains("A**** S****", StringComparison.Ordinal), "the greeting on the pole display");
        await Eventually.TrueAsync(() => Text(display).Contains("128,000", StringComparison.Ordinal), "the points on the pole display");
        Assert.DoesNotContain("Alice", Text(display), StringComparison.Ordinal);

        await agent.TapAsync("DEADBEEF");
        await Eventually.TrueAsync(() => Text(display).Contains("Card reported lost", StringComparison.Ordinal), "the refusal on the pole display");

        var devices = (await new Contracts.V1.Devices.DevicesClient(agent.Channel).ListDevicesAsync(new ListDevicesRequest())).Devices;
        Assert.Equal(DeviceState.Ok, devices.Single(d => d.DeviceId == "customer-display").State);
        Assert.Equal(DeviceState.Ok, devices.Single(d => d.DeviceId == "signals").State);
    }

    private static string Text(PtyCapture display) => Encoding.Latin1.GetString(display.Bytes);
}
