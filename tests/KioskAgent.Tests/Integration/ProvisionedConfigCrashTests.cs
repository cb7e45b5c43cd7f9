using System.Text.Json;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// kill -9 while a configuration is being applied: the agent starts again with the old or the new
/// configuration, whole, never a mix of both.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ProvisionedConfigCrashTests
{
    private const int NoteCount = 400;

    [Fact]
    public async Task KillDuringApply_TheAgentStartsWithTheOldOrTheNewConfiguration_NeverAMix()
    {
        var settings = new AgentSettings();
        var agent = await AgentProcess.StartAsync(settings);
        var screen = await Provisioner.ScreenAsync(agent);
        using var certificate = await Provisioner.EnrollAsync(agent);
        var client = Provisioner.Client(agent, screen.Fingerprint, certificate);
        await client.ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = Document("site-a", notes: 0) });
        var outcomes = new List<string>();
        try
        {
            foreach (var delayMs in new[] { 0, 5, 20, 60 })
            {
                var target = outcomes.Count % 2 == 0 ? "site-b" : "site-a";
                var apply = client.ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = Document(target, target == "site-b" ? NoteCount : 0) }).ResponseAsync;
                await Task.Delay(delayMs);
                await agent.KillAsync();
                _ = apply.ContinueWith(t => t.Exception, TaskScheduler.Default);
                await agent.DisposeAsync();

                agent = await AgentProcess.StartAsync(settings);
                client = Provisioner.Client(agent, screen.Fingerprint, certificate);
                var config = await client.GetConfigAsync(new GetConfigRequest());
                var site = config.Provisioned["Kiosk:SiteId"];
                var notes = config.Provisioned.Keys.Count(k => k.StartsWith("Kiosk:Notes:", StringComparison.OrdinalIgnoreCase));
                outcomes.Add($"{site}/{notes}/v{config.Version}");
                Assert.True((site == "site-a" && notes == 0) || (site == "site-b" && notes == NoteCount), $"a mix after kill -9: {site} with {notes} notes");
                Assert.DoesNotContain("could not be read", agent.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await agent.DisposeAsync();
        }

        Assert.Equal(4, outcomes.Count);
    }

    /// <summary>A document of many keys (a large file to write) that the agent's validators accept.</summary>
    private static string Document(string site, int notes) => JsonSerializer.Serialize(new
    {
        Kiosk = new { SiteId = site, Notes = Enumerable.Range(0, notes).Select(i => $"note {i} " + new string('x', 200)).ToArray() },
        Screen = new { IdleGreeting = "欢迎光临" },
    });
}
