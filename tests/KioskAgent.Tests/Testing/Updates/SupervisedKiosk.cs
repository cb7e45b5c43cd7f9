using KioskAgent.Update;

namespace KioskAgent.Tests.Testing.Updates;

/// <summary>
/// A kiosk as systemd runs it: <c>KioskAgent supervise</c> (the real supervisor process) starting the
/// real agent from the factory image (the build output) or a slot of its update directory.
/// </summary>
public sealed class SupervisedKiosk : IAsyncDisposable
{
    private SupervisedKiosk(AgentSettings settings, AgentProcess process)
    {
        Settings = settings;
        Process = process;
        Slots = new UpdateSlots(Path.Combine(settings.DataDirectory, "update"));
    }

    public AgentSettings Settings { get; }

    public AgentProcess Process { get; private set; }

    public UpdateSlots Slots { get; }

    public static string FactoryDirectory => Path.GetDirectoryName(TestPaths.AgentDll)!;

    public static AgentSettings SettingsFor(int brokerPort, string publicKeyFile, string trustedCaFile) => new()
    {
        DataDirectory = TestPaths.NewTempDirectory("update-data"),
        BrokerPort = brokerPort,
        Arguments = ["supervise"],
        Extra = new Dictionary<string, string>
        {
            ["Update__PublicKeyFile"] = publicKeyFile,
            ["Update__TrustedCaFile"] = trustedCaFile,
            ["Update__TrialSeconds"] = "3",
            ["Update__TrialWatchdogSeconds"] = "5",
            ["Update__ReadySeconds"] = "60",
        },
    };

    public static async Task<SupervisedKiosk> StartAsync(AgentSettings settings) =>
        new(settings, await AgentProcess.StartAsync(settings));

    /// <summary>Starts the supervisor again on the same data directory, as systemd would after a crash or power cut.</summary>
    public async Task RestartAsync(AgentSettings settings)
    {
        await Process.DisposeAsync();
        Process = await AgentProcess.StartAsync(settings);
    }

    public int Connects => Count(Process.Output, "Connected to central broker");

    public async Task WaitConnectedAsync(int atLeast = 1) =>
        await Eventually.TrueAsync(() => Connects >= atLeast, $"connection #{atLeast} to central", TimeSpan.FromSeconds(60));

    public async Task<UpdateState> WaitDecidedAsync() =>
        await Eventually.ValueAsync(() => Slots.LoadState() is { Trial: null } s ? s : null, "the update decided (no trial pending)", TimeSpan.FromSeconds(120));

    /// <summary>
    /// The agents (not the supervisor) running on this kiosk's data directory, with the application
    /// directory each runs from (read from /proc, as a technician would with ps).
    /// </summary>
    public IReadOnlyList<(int Pid, string Directory)> RunningAgents()
    {
        var found = new List<(int, string)>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var dll = args.FirstOrDefault(a => a.EndsWith("KioskAgent.dll", StringComparison.Ordinal));
                if (dll is null || args.Contains("supervise"))
                {
                    continue;
                }

                var environment = File.ReadAllText(Path.Combine(proc, "environ")).Split('\0');
                if (environment.Contains($"KIOSK_Kiosk__DataDirectory={Settings.DataDirectory}"))
                {
                    found.Add((pid, Path.GetDirectoryName(Path.GetFullPath(dll))!));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Exactly one agent runs, from <paramref name="directory"/>, and answers its health check SERVING.</summary>
    public async Task AssertOneHealthyAgentAsync(string directory)
    {
        var agents = await Eventually.ValueAsync(() => RunningAgents() is { Count: 1 } one ? one : null, "exactly one agent process", TimeSpan.FromSeconds(30));
        Assert.Equal(Path.GetFullPath(directory).TrimEnd('/'), agents[0].Directory.TrimEnd('/'));
        var health = new Grpc.Health.V1.Health.HealthClient(Process.Channel);
        await Eventually.TrueAsync(() => IsServing(health), "the agent's health check SERVING", TimeSpan.FromSeconds(60));
        Assert.Equal(agents[0].Pid, Assert.Single(RunningAgents()).Pid);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();

        // An agent left behind by a supervisor that died on its own (systemd would end the whole cgroup).
        foreach (var (pid, _) in RunningAgents())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
            }
        }
    }

    private static bool IsServing(Grpc.Health.V1.Health.HealthClient health)
    {
        try
        {
            return health.Check(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5)).Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (Grpc.Core.RpcException)
        {
            return false;
        }
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
