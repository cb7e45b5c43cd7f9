using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The identity policy is checked against what the configured readers can do before the agent
/// starts: a Secure site with readers that cannot speak ISO 14443-4 stops with exit code 78 and
/// names each such reader, instead of refusing every genuine card as "not verified".
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ReaderCapabilityConfigurationTests
{
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";

    [Fact]
    public async Task SecureIdentity_WithAnMfrc522AndAKeyboardWedge_StopsNamingBothReaders()
    {
        var settings = new AgentSettings
        {
            Extra = new Dictionary<string, string>
            {
                ["CardIdentity__Mode"] = "Secure",
                ["CardIdentity__Sun__MetaReadKey"] = MetaKey,
                ["CardIdentity__Sun__FileReadKey"] = FileKey,
                ["Devices__CardReaders__0__Id"] = "member-rc522",
                ["Devices__CardReaders__0__Kind"] = "Mfrc522",
                ["Devices__CardReaders__1__Id"] = "staff-wedge",
                ["Devices__CardReaders__1__Kind"] = "Evdev",
                ["Devices__CardReaders__1__DevicePath"] = "/dev/input/by-id/usb-IC_Reader-event-kbd",
                ["Devices__CardReaders__1__Role"] = "Staff",
            },
        };
        await using var agent = AgentProcess.Launch(settings);

        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(AgentProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("configuration error", agent.Output, StringComparison.Ordinal);
        Assert.Contains("CardIdentity:Mode=Secure needs ISO/IEC 14443-4", agent.Output, StringComparison.Ordinal);
        Assert.Contains("card reader 'member-rc522' (Kind=Mfrc522) cannot do it, it can do: Uid, MifareSectorAuth.", agent.Output, StringComparison.Ordinal);
        Assert.Contains("card reader 'staff-wedge' (Kind=Evdev) cannot do it, it can do: Uid.", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectorIdentity_WithAnMfrc522_Starts()
    {
        var settings = new AgentSettings
        {
            Extra = new Dictionary<string, string>
            {
                ["CardIdentity__Mode"] = "Sector",
                ["CardIdentity__Sector__Sector"] = "1",
                ["CardIdentity__Sector__Key"] = "A0A1A2A3A4A5",
                ["Devices__CardReaders__0__Kind"] = "Mfrc522",
            },
        };

        // No SPI bus here: the reader is reported absent in health, but the configuration is sound.
        await using var agent = await AgentProcess.StartAsync(settings);

        Assert.False(agent.HasExited);
    }
}
