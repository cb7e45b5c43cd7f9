using KioskAgent.Demo;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Demo mode needs no setup with signatures required: its in-process reference central signs with
/// a key the demo makes once in the data directory, and the agent trusts exactly that key.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DemoCentralKeyTests
{
    [Fact]
    public async Task DemoWithItsReferenceCentral_AcceptsItsSignedAcks_WithNoKeyConfigured_AndKeepsTheKeyAcrossRestarts()
    {
        var settings = new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            TrustTestCentralKey = false,
            Extra = new Dictionary<string, string> { ["Demo__ReferenceCentral"] = "true" },
        };
        var journal = new JournalFile(settings.DataDirectory);
        var keyFile = Path.Combine(settings.DataDirectory, DemoCentralKey.FileName);

        string key;
        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
            await Eventually.TrueAsync(() => journal.Count() == 1 && journal.Pending() == 0, "the demo central's signed ack", TimeSpan.FromSeconds(60));
            key = await File.ReadAllTextAsync(keyFile);
            await agent.StopAsync();
        }

        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        await restarted.TapForAnswerAsync("5A6B7C8D");
        await Eventually.TrueAsync(() => journal.Count() == 2 && journal.Pending() == 0, "the demo central's signed ack after a restart", TimeSpan.FromSeconds(60));

        Assert.Equal(key, await File.ReadAllTextAsync(keyFile));
        Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(keyFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the demo key is readable by its owner only");
        Assert.Empty(DeadLetters.Read(settings.DataDirectory));
    }
}
