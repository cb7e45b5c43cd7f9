using KioskAgent.Contracts;
using KioskAgent.Storage;
using Microsoft.Extensions.Options;

namespace KioskAgent.Hosting;

/// <summary>Builds and runs the agent; turns configuration mistakes into one clear line and exit code 78.</summary>
public static class AgentProgram
{
    /// <summary>EX_CONFIG from sysexits.h: systemd and technicians can tell "fix the config" from a crash.</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>EX_TEMPFAIL: stopped on purpose to be started again (restart_agent); systemd's Restart=on-failure does that.</summary>
    public const int RestartExitCode = 75;

    /// <summary>EX_UNAVAILABLE: another agent holds this data directory (<see cref="DataDirectoryLock"/>); not a crash, not a config error.</summary>
    public const int AlreadyRunningExitCode = 69;

    /// <summary>
    /// Every protobuf descriptor the agent uses (its contracts, gRPC health and reflection), built on this
    /// thread before the host starts any other: Google.Protobuf's descriptor building is not safe to run
    /// on two threads at once (see <see cref="ContractDescriptors"/>).
    /// </summary>
    internal static void InitializeDescriptors()
    {
        _ = ContractDescriptors.Initialize();
        _ = Grpc.Health.V1.HealthReflection.Descriptor;
        _ = Grpc.Reflection.V1.ReflectionReflection.Descriptor;
        _ = Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        NativeHeapTrimmer.LimitArenas();
        InitializeDescriptors();
        WebApplication app;
        DataDirectoryLock? instance;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.AddKioskAgent(args);

            // Before anything opens the journal: a second agent must not even run its migrations.
            // An empty one is left to the options validator, which names it.
            var configured = builder.Configuration[$"{KioskOptions.Section}:{nameof(KioskOptions.DataDirectory)}"] ?? new KioskOptions().DataDirectory;
            var dataDirectory = string.IsNullOrWhiteSpace(configured) ? null : Path.GetFullPath(configured);
            var holder = 0;
            instance = dataDirectory is null ? null : DataDirectoryLock.TryAcquire(dataDirectory, out holder);
            if (dataDirectory is not null && instance is null)
            {
                await Console.Error.WriteLineAsync($"kiosk-agent: another agent (pid {holder}) is already running on data directory {dataDirectory}; exiting.");
                return AlreadyRunningExitCode;
            }

            app = builder.Build();
            var problems = ConfigurationCheck.Problems(app.Services);
            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {string.Join("; ", problems)}");
                return ConfigurationErrorExitCode;
            }

            app.MapKioskAgent();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or OptionsValidationException or UnauthorizedAccessException or IOException)
        {
            var detail = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {detail}");
            return ConfigurationErrorExitCode;
        }

        using var held = instance;
        try
        {
            await app.RunAsync();
            // 0, or RestartExitCode when central asked for a restart.
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {string.Join("; ", ex.Failures)}");
            return ConfigurationErrorExitCode;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {string.Join("; ", failures)}");
            return ConfigurationErrorExitCode;
        }
    }
}
