using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>A broken configuration stops the agent with one clear line and exit code 78, not a stack trace.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task Start_WithCorruptConfigFile_ExitsWithConfigurationError()
    {
        var settings = new AgentSettings { ConfigFileContent = "{ \"Kiosk\": { \"KioskId\": " };
        await using var agent = AgentProcess.Launch(settings);

        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("configuration error", agent.Output, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithInvalidValues_NamesEveryBadSetting()
    {
        var settings = new AgentSettings
        {
            KioskId = "kiosk/with#wildcards",
            Extra = new Dictionary<string, string>
            {
                ["Screen__ClearAfterSeconds"] = "0",
                ["Screen__DimAfterSeconds"] = "1",
                ["Redemption__StoreName"] = "门店\u202Eemoc",
            },
        };
        await using var agent = AgentProcess.Launch(settings);

        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("configuration error", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Kiosk:KioskId", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Screen:ClearAfterSeconds", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Screen:DimAfterSeconds must be 0 (never) or 3-86400", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Redemption:StoreName", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithUnknownDeviceKind_SaysWhichValueIsWrong()
    {
        var settings = new AgentSettings { Extra = new Dictionary<string, string> { ["Devices__CardReaders__0__Kind"] = "Teleporter" } };
        await using var agent = AgentProcess.Launch(settings);

        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Teleporter", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:CardReaders:0:Kind", agent.Output, StringComparison.Ordinal);
    }
}
