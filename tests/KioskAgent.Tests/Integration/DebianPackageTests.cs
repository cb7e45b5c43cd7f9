using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;
using KioskAgent.Update;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The amd64 .deb built by <c>./build.sh --target=Test-Package</c>, installed into this machine with
/// dpkg (CI runs as root on a fresh Debian 12), upgraded, removed and purged: data and
/// configuration survive everything but purge. Also: lintian (its report goes to the test
/// artifacts), <c>systemd-analyze verify</c> on the installed unit and what the unit says (the update
/// supervisor, the watchdog, the hardening), the shipped configuration, which cannot switch demo mode
/// on, and the build number and signed update bundle the package target made with the package.
/// </summary>
[Trait("Category", TestCategories.Integration)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebianPackageTests
{
    private const string Package = "kiosk-agent";
    private const string Unit = "/lib/systemd/system/kiosk-agent.service";
    private const string DataDirectory = "/var/lib/kiosk-agent";
    private const string ConfigFile = "/etc/kiosk-agent/appsettings.json";
    private const string Marker = DataDirectory + "/journal-stand-in.db";

    [Fact]
    public async Task Install_Upgrade_Remove_KeepDataAndConfiguration_Purge_RemovesThem()
    {
        var sudo = RootPrefix();
        var deb = BuiltPackage();
        var work = TestPaths.NewTempDirectory("deb");
        await PurgeAsync(sudo);
        try
        {
            var lintian = await RunAsync("lintian", $"--info --display-info --show-overrides {deb}");
            await File.WriteAllTextAsync(Path.Combine(TestPaths.Artifacts("package"), Path.GetFileNameWithoutExtension(deb) + ".lintian.txt"), lintian.Output);
            Assert.DoesNotContain(lintian.Output.Split('\n'), l => l.StartsWith("E: ", StringComparison.Ordinal) || l.StartsWith("W: ", StringComparison.Ordinal));

            await MustAsync(sudo, "dpkg", $"-i {deb}");
            Assert.True(File.Exists("/usr/lib/kiosk-agent/KioskAgent"), "the agent is installed");
            Assert.True(File.Exists("/usr/lib/kiosk-agent/wwwroot/index.html"), "the built kiosk-ui is installed");
            Assert.Equal(0, (await RunAsync("getent", "passwd kiosk-agent")).ExitCode);
            Assert.Contains("dialout", (await RunAsync("id", "-nG kiosk-agent")).Output, StringComparison.Ordinal);
            Assert.Equal("kiosk-agent", (await RunAsync("stat", $"-c %U {DataDirectory}")).Output.Trim());
            Assert.Equal(0, (await RunAsync("/usr/bin/kioskctl", "--help")).ExitCode);

            var verify = await RunAsync("systemd-analyze", $"verify {Unit}");
            await File.WriteAllTextAsync(Path.Combine(TestPaths.Artifacts("package"), "systemd-analyze-verify.txt"), verify.Output);
            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.DoesNotContain("kiosk-agent.service:", verify.Output, StringComparison.Ordinal);

            AssertUnitAsBuilt(await File.ReadAllTextAsync(Unit));
            AssertBuildNumberAndBundle(deb, work);
            await AssertShippedConfigurationHasNoDemoAsync(sudo);

            // What a running kiosk leaves: its journal in the data directory and a technician's configuration.
            await MustAsync(sudo, "sh", $"-c \"echo journal > {Marker} && echo '// provisioned' >> {ConfigFile}\"");
            var provisioned = await File.ReadAllTextAsync(ConfigFile);

            await MustAsync(sudo, "dpkg", $"-i {await BumpedAsync(deb, work)}");
            Assert.Equal(BumpedVersion(deb), (await RunAsync("dpkg-query", $"-W -f='${{Version}}' {Package}")).Output.Trim());
            Assert.True(File.Exists(Marker), "the upgrade kept the data directory");
            Assert.Equal(provisioned, await File.ReadAllTextAsync(ConfigFile));

            await MustAsync(sudo, "dpkg", $"-r {Package}");
            Assert.False(File.Exists("/usr/lib/kiosk-agent/KioskAgent"), "remove took the program away");
            Assert.True(File.Exists(Marker), "remove kept the data directory");
            Assert.Equal(provisioned, await File.ReadAllTextAsync(ConfigFile));

            await MustAsync(sudo, "dpkg", $"--purge {Package}");
            Assert.False(Directory.Exists(DataDirectory), "purge removed the data directory");
            Assert.False(Directory.Exists("/etc/kiosk-agent"), "purge removed the configuration");
        }
        finally
        {
            await PurgeAsync(sudo);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The unit as docs/install.md describes it: the supervisor under a watchdog, stopped in order, hardened.</summary>
    private static void AssertUnitAsBuilt(string unit)
    {
        var settings = unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        string One(string key) => Assert.Single(settings, s => s.Key == key).Value;

        Assert.Equal("/usr/lib/kiosk-agent/KioskAgent supervise", One("ExecStart"));
        Assert.Equal("mixed", One("KillMode"));
        Assert.Equal("notify", One("Type"));
        Assert.Equal("main", One("NotifyAccess"));
        Assert.True(int.Parse(One("WatchdogSec"), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60, "WatchdogSec");
        Assert.Equal("always", One("Restart"));
        Assert.Equal("78", One("RestartPreventExitStatus"));
        Assert.Equal("kiosk-agent", One("User"));
        foreach (var (key, value) in new[]
        {
            ("ProtectSystem", "strict"), ("ReadWritePaths", DataDirectory), ("ProtectHome", "true"), ("PrivateTmp", "true"),
            ("NoNewPrivileges", "true"), ("ProtectKernelTunables", "true"), ("ProtectKernelModules", "true"), ("ProtectControlGroups", "true"),
            ("RestrictSUIDSGID", "true"), ("DevicePolicy", "closed"), ("SystemCallFilter", "@system-service"), ("CapabilityBoundingSet", ""),
        })
        {
            Assert.True(One(key) == value, $"{key}={value} expected, the unit says {key}={One(key)}");
        }

        // The JIT writes the code it runs: MemoryDenyWriteExecute would stop the agent at start.
        Assert.DoesNotContain(settings, s => s.Key == "MemoryDenyWriteExecute");
    }

    /// <summary>
    /// The build number in the package version (VERSION+BUILD), in the installed factory image's
    /// build file and in the agent assembly; the bundle beside the package verifies with the key
    /// the package target signed it with and carries the same build and the agent.
    /// </summary>
    private static void AssertBuildNumberAndBundle(string deb, string work)
    {
        var version = Path.GetFileName(deb).Split('_')[1];
        var build = long.Parse(version[(version.LastIndexOf('+') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(build > 0, $"the package version {version} carries no build number");

        var factory = UpdateManifest.Parse(File.ReadAllBytes(Path.Combine("/usr/lib/kiosk-agent", UpdateSlots.BuildFileName)));
        Assert.NotNull(factory);
        Assert.Equal((build, version), (factory.Build, factory.Version));

        var context = new AssemblyLoadContext("installed-agent", isCollectible: true);
        try
        {
            var stamped = context.LoadFromAssemblyPath("/usr/lib/kiosk-agent/KioskAgent.dll").GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == typeof(AssemblyMetadataAttribute).FullName && (string?)a.ConstructorArguments[0].Value == "KioskBuildNumber")
                .Select(a => (string?)a.ConstructorArguments[1].Value).Single();
            Assert.Equal(build.ToString(System.Globalization.CultureInfo.InvariantCulture), stamped);
        }
        finally
        {
            context.Unload();
        }

        var packages = Path.GetDirectoryName(deb)!;
        var bundle = UpdateBundle.Read(Path.Combine(packages, $"kiosk-agent_{version}_amd64.update.tar"));
        var key = File.ReadAllText(Path.Combine(packages, "update-key.pub.pem"));
        var manifest = UpdateVerifier.Verify(bundle, key, runningBuild: build - 1, badBuilds: []);
        Assert.Equal(factory, manifest);
        var refusal = Assert.Throws<UpdateRefusedException>(() => UpdateVerifier.Verify(bundle, key, runningBuild: build, badBuilds: []));
        Assert.Equal(UpdateRefusal.Downgrade, refusal.Reason);

        var slot = Path.Combine(work, "slot");
        bundle.ExtractPayload(slot);
        Assert.True(File.Exists(Path.Combine(slot, "KioskAgent.dll")), "the payload holds the agent");
        Assert.True(File.GetUnixFileMode(Path.Combine(slot, "KioskAgent")).HasFlag(UnixFileMode.UserExecute), "the payload keeps the program executable");
    }

    /// <summary>Demo members, the embedded broker and the reference central come only with demo mode, which nothing shipped turns on.</summary>
    private static async Task AssertShippedConfigurationHasNoDemoAsync(string sudo)
    {
        Assert.False(File.Exists("/usr/lib/kiosk-agent/appsettings.Demo.json"), "the demo configuration is not shipped");
        foreach (var file in new[] { "/usr/lib/kiosk-agent/appsettings.json", ConfigFile })
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var text = json.RootElement.GetRawText();
            Assert.DoesNotContain("Simulated", text, StringComparison.Ordinal);
            Assert.DoesNotContain("EmbeddedBroker", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ReferenceCentral", text, StringComparison.Ordinal);
            if (json.RootElement.TryGetProperty("Demo", out var demo))
            {
                Assert.False(demo.GetProperty("Enabled").GetBoolean(), $"{file} switches demo mode on");
            }
        }

        var unit = await File.ReadAllTextAsync(Unit);
        Assert.Contains("Environment=DOTNET_ENVIRONMENT=Production", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=KIOSK_CONFIG_DIR=/etc/kiosk-agent", unit, StringComparison.Ordinal);

        // The installed program, as the unit starts it: an unprovisioned kiosk stops at its configuration (78), in production mode.
        var run = await RunAsync(sudo.Length > 0 ? "sudo" : "runuser", $"{(sudo.Length > 0 ? "-n -u kiosk-agent" : "-u kiosk-agent --")} env DOTNET_ENVIRONMENT=Production KIOSK_CONFIG_DIR=/etc/kiosk-agent KIOSK_Kiosk__DataDirectory={DataDirectory} /usr/lib/kiosk-agent/KioskAgent");
        Assert.True(run.ExitCode == AgentProgram.ConfigurationErrorExitCode, $"exit {run.ExitCode}: {run.Output}");
        Assert.Contains("Kiosk:KioskId", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("demo", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static string BuiltPackage()
    {
        var directory = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "packages");
        var deb = Directory.Exists(directory) ? Directory.GetFiles(directory, "kiosk-agent_*_amd64.deb").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        return deb ?? throw new InvalidOperationException($"No kiosk-agent amd64 package in {directory}: build it with ./build.sh --target=Test-Package (./build.sh --target=Test does).");
    }

    /// <summary>"" as root; "sudo -n" where passwordless sudo works; otherwise the test fails, it does not skip: CI runs as root.</summary>
    private static string RootPrefix()
    {
        if (Environment.UserName == "root")
        {
            return "";
        }

        using var sudo = Process.Start(new ProcessStartInfo("sudo", ["-n", "true"]) { RedirectStandardError = true })!;
        sudo.WaitForExit();
        return sudo.ExitCode == 0
            ? "sudo -n "
            : throw new InvalidOperationException("Installing the package needs root (CI runs as root) or passwordless sudo; this test cannot run here.");
    }

    private static string BumpedVersion(string deb) => Path.GetFileName(deb).Split('_')[1] + "+1";

    /// <summary>The same package with a higher version, as the next release would be.</summary>
    private static async Task<string> BumpedAsync(string deb, string work)
    {
        var tree = Path.Combine(work, "tree");
        await MustAsync("", "dpkg-deb", $"-R {deb} {tree}");
        var control = Path.Combine(tree, "DEBIAN", "control");
        var version = Path.GetFileName(deb).Split('_')[1];
        await File.WriteAllTextAsync(control, (await File.ReadAllTextAsync(control)).Replace($"Version: {version}\n", $"Version: {BumpedVersion(deb)}\n", StringComparison.Ordinal));
        var bumped = Path.Combine(work, $"kiosk-agent_{BumpedVersion(deb)}_amd64.deb");
        await MustAsync("", "dpkg-deb", $"--root-owner-group -Zgzip -z1 -b {tree} {bumped}");
        return bumped;
    }

    private static async Task PurgeAsync(string sudo)
    {
        if ((await RunAsync("dpkg-query", $"-W -f='${{Status}}' {Package}")).Output.Contains("installed", StringComparison.Ordinal)
            || Directory.Exists(DataDirectory) || Directory.Exists("/etc/kiosk-agent"))
        {
            await MustAsync(sudo, "dpkg", $"--purge {Package}");
        }
    }

    private static async Task MustAsync(string sudo, string tool, string arguments)
    {
        var (exit, output) = sudo.Length > 0 ? await RunAsync("sudo", $"-n {tool} {arguments}") : await RunAsync(tool, arguments);
        Assert.True(exit == 0, $"{tool} {arguments} exited {exit}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, string arguments)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{tool} {arguments} 2>&1"]) { RedirectStandardOutput = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }
}
