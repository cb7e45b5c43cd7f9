using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>Device health as a technician sees it over gRPC, from a running agent.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DeviceHealthTests
{
    [Fact]
    public async Task ListDevices_ShowsReadersAndPinnedDevices_AndFollowsAPinnedPathAppearing()
    {
        var directory = TestPaths.NewTempDirectory("pinned");
        var path = Path.Combine(directory, "i2c-1");
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>
            {
                ["Devices__Discovery__PeriodMs"] = "200",
                ["Devices__Discovery__ScanDevicePaths"] = "false",
                ["Devices__Discovery__Pinned__0__Id"] = "lcd",
                ["Devices__Discovery__Pinned__0__Bus"] = "i2c",
                ["Devices__Discovery__Pinned__0__Address"] = path,
            },
        });
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);

        var before = await Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "lcd"),
            "the pinned device in the list");
        Assert.Equal(DeviceState.Absent, before.State);
        Assert.Contains("not found", before.Reason, StringComparison.Ordinal);
        var reader = (await devices.ListDevicesAsync(new ListDevicesRequest())).Devices.Single(d => d.DeviceId == "member-1");
        Assert.Equal(("card_reader", DeviceState.Ok), (reader.Kind, reader.State));

        await File.WriteAllTextAsync(path, "");

        var after = await Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "lcd" && d.State != DeviceState.Absent),
            "the pinned device to be seen");
        Assert.Equal(DeviceState.Fault, after.State);
        Assert.Contains("no driver", after.Reason, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
