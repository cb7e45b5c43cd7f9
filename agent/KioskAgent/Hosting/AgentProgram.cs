using Microsoft.Extensions.Options;

namespace KioskAgent.Hosting;

/// <summary>Builds and runs the agent; turns configuration mistakes into one clear line and exit code 78.</summary>
public static class AgentProgram
{
    /// <summary>EX_CONFIG from sysexits.h: systemd and technicians can tell "fix the config" from a crash.</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>EX_TEMPFAIL: stopped on purpose to be started again (restart_agent); systemd's Restart=on-failure does that.</summary>
    public const int RestartExitCode = 75;

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.AddKioskAgent(args);
            app = builder.Build();
            var problems = ConfigurationCheck.Problems(app.Services);
            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {string.Join("; ", problems)}");
                return ConfigurationErrorExitCode;
            }

            app.MapKioskAgent();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or OptionsValidationException)
        {
            var detail = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            await Console.Error.WriteLineAsync($"kiosk-agent: configuration error: {detail}");
            return ConfigurationErrorExitCode;
        }

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
