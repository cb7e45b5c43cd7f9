using System.IO.Compression;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The technician's whole session with the real kioskctl against a real agent: enroll with the code
/// and fingerprint from the screen, apply a configuration, have an invalid one refused with the exact
/// field and reason and nothing applied, diff, roll back, self-test, read logs, download a bundle
/// without secrets.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class KioskctlProvisioningTests : IAsyncLifetime
{
    private readonly string _home = TestPaths.NewTempDirectory("kioskctl-home");
    private readonly string _files = TestPaths.NewTempDirectory("kioskctl-files");
    private AgentProcess _agent = null!;

    private Dictionary<string, string> Env => new() { ["KIOSKCTL_HOME"] = _home, ["KIOSKCTL_KIOSK"] = Provisioner.Address(_agent) };

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task EnrollApplyRefuseDiffRollback_SelfTestLogsBundle()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        var enroll = await Kioskctl("enroll", Provisioner.Address(_agent), "--code", screen.Code, "--fingerprint", screen.Fingerprint, "--name", "李工 Li");
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        Assert.Contains("as supervisor", enroll.Output, StringComparison.Ordinal);

        var first = await Kioskctl("config", "apply", File("v1.json", """{ "Kiosk": { "SiteId": "store-12" }, "Screen": { "IdleGreeting": "欢迎光临" } }"""));
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("configuration version 1 applied", first.Output, StringComparison.Ordinal);

        var invalid = await Kioskctl("config", "apply", File("bad.json", """{ "Kiosk": { "SiteId": "store-99", "TimeZone": "Mars/Olympus_Mons" }, "Screen": { "ClearAfterSeconds": "soon" } }"""));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("nothing was applied", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("Kiosk:TimeZone must be an IANA time zone id", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("Screen:ClearAfterSeconds", invalid.Output, StringComparison.Ordinal);
        var unchanged = await Kioskctl("config", "get", "Kiosk");
        Assert.Contains("configuration version 1", unchanged.Output, StringComparison.Ordinal);
        Assert.Contains("store-12", unchanged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("store-99", unchanged.Output, StringComparison.Ordinal);

        var second = await Kioskctl("config", "apply", File("v2.json", """{ "Kiosk": { "SiteId": "store-13" }, "Screen": { "IdleGreeting": "欢迎光临" } }"""));
        Assert.True(second.ExitCode == 0, second.Output);
        var diff = await Kioskctl("config", "diff");
        Assert.Contains("version 1 -> 2: 1 change(s)", diff.Output, StringComparison.Ordinal);
        Assert.Contains("~ Kiosk:SiteId: store-12 -> store-13", diff.Output, StringComparison.Ordinal);

        var rollback = await Kioskctl("config", "rollback");
        Assert.True(rollback.ExitCode == 0, rollback.Output);
        Assert.Contains("configuration version 3 applied", rollback.Output, StringComparison.Ordinal);
        var back = await Kioskctl("config", "get", "Kiosk:SiteId");
        Assert.Contains("store-12", back.Output, StringComparison.Ordinal);

        var secret = await Kioskctl("config", "set", "Central:Username=kiosk-7", "Central:Password=s3cret-pw-42");
        Assert.True(secret.ExitCode == 0, secret.Output);
        Assert.DoesNotContain("s3cret-pw-42", secret.Output, StringComparison.Ordinal);
        var shown = await Kioskctl("config", "get", "Central");
        Assert.Contains("(set)", shown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw-42", shown.Output, StringComparison.Ordinal);

        var selftest = await Kioskctl("selftest", "--card-wait", "1");
        Assert.Contains("member-1: present a card to the reader now (waiting up to 1 s)", selftest.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^member-1\s+card_reader\s+FAILED\s+no card within 1 s", selftest.Output);

        var logs = await Kioskctl("logs", "--lines", "50");
        Assert.True(logs.ExitCode == 0, logs.Output);
        Assert.Contains("Provisioning ApplyConfig by 李工 Li", logs.Output, StringComparison.Ordinal);

        var zipPath = Path.Combine(_files, "bundle.zip");
        var bundle = await Kioskctl("bundle", "-o", zipPath);
        Assert.True(bundle.ExitCode == 0, bundle.Output);
        Assert.Contains("Central:Password", bundle.Output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["config.json", "health.json", "logs.txt", "manifest.json", "versions.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain("s3cret-pw-42", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("s3cret-pw-42", _agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw-42", string.Join('\n', new JournalFile(_agent.Settings.DataDirectory).Entries().Select(e => e.Payload)), StringComparison.Ordinal);
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private Task<(int ExitCode, string Output)> Kioskctl(params string[] arguments) => KioskctlProcess.RunAsync(arguments, Env);
}
