using System.Text.Json;
using KioskAgent.Contracts.V1;
using KioskAgent.Provisioning;
using KioskAgent.RemoteConfig;
using KioskAgent.Storage;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// kill -9 while a configuration is being applied: the agent starts again with the old or the new
/// configuration, whole, never a mix of both. Once held at each step of the write by
/// <see cref="CrashPoint"/> (so the kill is known to land there), and once at arbitrary moments.
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

    [Fact]
    public async Task KillAtEachStepOfTheWrite_LeavesTheOldOrTheNewFile_AndTheAgentStartsWithIt()
    {
        var settings = new AgentSettings();
        var agent = await AgentProcess.StartAsync(settings);
        var screen = await Provisioner.ScreenAsync(agent);
        using var certificate = await Provisioner.EnrollAsync(agent);
        await Provisioner.Client(agent, screen.Fingerprint, certificate).ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = Document("site-a", notes: 0) });
        var live = Path.Combine(settings.DataDirectory, "provisioning", "provisioned-config.json");
        var old = RemoteConfigFile.Read(live);
        try
        {
            // Where the apply stops, and whether the new version must survive the kill there.
            var steps = new (Func<ulong, string> Point, bool NewSurvives)[]
            {
                (v => $"atomic-write:v{v}.json", false),
                (_ => ProvisionedConfigService.BetweenWritesCrashPoint, false),
                (_ => "atomic-write:provisioned-config.json", false),
                (_ => ProvisionedConfigService.WrittenCrashPoint, true),
            };
            foreach (var (point, newSurvives) in steps)
            {
                var name = point(old.AppliedVersion + 1);
                await agent.DisposeAsync();
                agent = await AgentProcess.StartAsync(settings with { Environment = new Dictionary<string, string> { [CrashPoint.Variable] = name } });
                var site = old.Settings["Kiosk:SiteId"] == "site-a" ? "site-b" : "site-a";
                var apply = Provisioner.Client(agent, screen.Fingerprint, certificate).ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = Document(site, site == "site-b" ? NoteCount : 0) }).ResponseAsync;
                _ = apply.ContinueWith(t => t.Exception, TaskScheduler.Default);
                await Eventually.TrueAsync(() => agent.Output.Contains($"crash point {name} reached", StringComparison.Ordinal), $"the apply to stop at {name}", TimeSpan.FromSeconds(60));
                await agent.KillAsync();

                var onDisk = RemoteConfigFile.Read(live);
                var expected = newSurvives ? site : old.Settings["Kiosk:SiteId"];
                Assert.Equal(expected, onDisk.Settings["Kiosk:SiteId"]);
                Assert.Equal(expected == "site-b" ? NoteCount : 0, onDisk.Settings.Keys.Count(k => k.StartsWith("Kiosk:Notes:", StringComparison.OrdinalIgnoreCase)));
                Assert.Equal(newSurvives ? old.AppliedVersion + 1 : old.AppliedVersion, onDisk.AppliedVersion);

                await agent.DisposeAsync();
                agent = await AgentProcess.StartAsync(settings);
                var config = await Provisioner.Client(agent, screen.Fingerprint, certificate).GetConfigAsync(new GetConfigRequest());
                Assert.Equal(onDisk.AppliedVersion, config.Version);
                Assert.Equal(onDisk.Settings.Count, config.Provisioned.Count);
                Assert.Equal(expected, config.Provisioned["Kiosk:SiteId"]);
                Assert.DoesNotContain("could not be read", agent.Output, StringComparison.Ordinal);
                old = onDisk;
            }

            // After all that, an apply goes through as usual.
            var next = await Provisioner.Client(agent, screen.Fingerprint, certificate).ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = Document("site-c", notes: 0) });
            Assert.Equal(old.AppliedVersion + 1, next.Version);
            Assert.Equal("site-c", RemoteConfigFile.Read(live).Settings["Kiosk:SiteId"]);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    /// <summary>A document of many keys (a large file to write) that the agent's validators accept.</summary>
    private static string Document(string site, int notes) => JsonSerializer.Serialize(new
    {
        Kiosk = new { SiteId = site, Notes = Enumerable.Range(0, notes).Select(i => $"note {i} " + new string('x', 200)).ToArray() },
        Screen = new { IdleGreeting = "欢迎光临" },
    });
}
