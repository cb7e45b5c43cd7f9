using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The agent as the amd64 package ships it (self-contained, the runtime trimmed, one composite ReadyToRun
/// image, no ICU: docs/decisions/0008-trimmed-invariant-agent.md, 0009-composite-readytorun-roots.md), from the package's staging directory that
/// <c>./build.sh --target=Test-Package</c> leaves: the rest of the suite runs the solution's build, so
/// this is where a member the trimmer took away, or a culture the agent needs, would show. The
/// package's kioskctl (with its own trimmed runtime) asks the agent who it is and taps a card; the tap goes
/// through the reader, the member cache, the screen and the journal, and central's acknowledgement
/// comes back over MQTT.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class PackagedAgentTests
{
    private static string PackagedKioskctl => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "package-root", "amd64", "usr", "lib", "kiosk-agent", "kioskctl.d", "kioskctl");

    private static string PackagedAgent => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "package-root", "amd64", "usr", "lib", "kiosk-agent", "KioskAgent");

    [Fact]
    public async Task PackagedBuild_ServesATap_AndCentralAcknowledgesIt()
    {
        Assert.True(File.Exists(PackagedAgent), $"No packaged agent at {PackagedAgent}: build it with ./build.sh --target=Test-Package (./build.sh --target=Test does).");
        // Demo mode's broker and reference central stand in for central; its acknowledgement is signed
        // with the demo central's key, which the agent checks (ECDSA through the trimmed runtime).
        var settings = new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            TrustTestCentralKey = false,
            Executable = PackagedAgent,
            Extra = new Dictionary<string, string> { ["Demo__ReferenceCentral"] = "true" },
        };
        var journal = new JournalFile(settings.DataDirectory);
        await using var agent = await AgentProcess.StartAsync(settings);

        // The tap comes from the package's own kioskctl (its own trimmed runtime) over gRPC.
        var agentAddress = $"http://127.0.0.1:{settings.GrpcPort}";
        var (infoExit, info) = await KioskctlProcess.RunBuildAsync(PackagedKioskctl, ["--agent", agentAddress, "info"]);
        Assert.True(infoExit == 0, info);
        Assert.Contains($"kiosk {settings.KioskId} at site {settings.SiteId}", info, StringComparison.Ordinal);
        var (tapExit, tap) = await KioskctlProcess.RunBuildAsync(PackagedKioskctl, ["--agent", agentAddress, "sim", "tap", "04A1B2C3D4E5F6"]);
        Assert.True(tapExit == 0, tap);

        var shown = await ScreenReader.CurrentAsync(agent.Channel);
        for (var look = 0; look < 100 && shown.ViewCase != Contracts.V1.Screen.ViewOneofCase.Member; look++)
        {
            await Task.Delay(100);
            shown = await ScreenReader.CurrentAsync(agent.Channel);
        }

        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, shown.ViewCase);
        Assert.False(string.IsNullOrEmpty(shown.Member.MaskedName), "the member's masked name is shown");

        await Eventually.TrueAsync(() => journal.Count() == 1 && journal.Pending() == 0, "central's signed acknowledgement of the tap", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => agent.Output.Contains("Native heap trimmed after start", StringComparison.Ordinal), "the native heap trimmed after start", TimeSpan.FromSeconds(90));
        Assert.DoesNotContain("MissingMethodException", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reflection-based serialization", agent.Output, StringComparison.Ordinal);

        // Everything the agent has loaded by now (started, served a tap, synced, trimmed its heap) is
        // precompiled whole in the composite image: an assembly missing from the roots would be left
        // to the JIT at every start.
        var roots = ReadyToRunRoots();
        var loaded = LoadedAssemblies(agent.ProcessId);
        Assert.Contains("KioskAgent.dll", loaded);
        var notRooted = loaded
            .Where(name => !roots.Contains(name) && !name.EndsWith(".r2r.dll", StringComparison.Ordinal) && !DiagnosticsOnly.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(notRooted.Count == 0, $"The packaged agent loaded assemblies that are not composite ReadyToRun roots; add them to agent/KioskAgent/ReadyToRunRoots.txt: {string.Join(", ", notRooted)}");
    }

    [Fact]
    public void Package_HasOneCompositeImage_AndEveryRootIsAnAssemblyOfIt()
    {
        var lib = Path.GetDirectoryName(PackagedAgent)!;
        Assert.True(File.Exists(PackagedAgent), $"No packaged agent at {PackagedAgent}: build it with ./build.sh --target=Test-Package (./build.sh --target=Test does).");
        Assert.True(File.Exists(Path.Combine(lib, "KioskAgent.r2r.dll")), "the composite ReadyToRun image is in the package");
        Assert.Single(Directory.GetFiles(lib, "*.r2r.dll"));
        var stale = ReadyToRunRoots().Where(root => !File.Exists(Path.Combine(lib, root))).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, $"ReadyToRunRoots.txt names assemblies the package does not have: {string.Join(", ", stale)}");
    }

    /// <summary>
    /// Loaded only to render an exception's stack trace when one is logged (a broker that drops the
    /// connection, say): the error path's work, not the start's, so not worth rooting.
    /// </summary>
    private static readonly HashSet<string> DiagnosticsOnly = new(StringComparer.Ordinal) { "System.Diagnostics.StackTrace.dll", "System.Reflection.Metadata.dll" };

    private static HashSet<string> ReadyToRunRoots() =>
        File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "agent", "KioskAgent", "ReadyToRunRoots.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The .dll files the process has mapped (/proc/PID/maps), by file name.</summary>
    private static HashSet<string> LoadedAssemblies(int processId) =>
        File.ReadAllLines($"/proc/{processId}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[^1].EndsWith(".dll", StringComparison.Ordinal))
            .Select(fields => Path.GetFileName(fields[^1]))
            .ToHashSet(StringComparer.Ordinal);
}
