using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// Returns the kiosk to enrollment: forgets the enrolled technicians first (so that whatever happens
/// next, the kiosk opens enrollment rather than waiting for certificates nobody has), then its key and
/// the provisioned configuration with its history. The journal, member cache and central's overrides
/// are kept: transactions not yet at central are never lost. The agent then restarts.
/// </summary>
public sealed partial class FactoryReset(IOptions<KioskOptions> kiosk, IHostApplicationLifetime lifetime, ILogger<FactoryReset> logger)
{
    public void Run()
    {
        var directory = ProvisioningFiles.Directory(kiosk.Value);
        File.Delete(Path.Combine(directory, EnrollmentStore.FileName));
        File.Delete(Path.Combine(directory, KioskKey.FileName));
        File.Delete(Path.Combine(directory, ProvisionedConfigurationSource.FileName));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        LogReset();
        RestartSoon(lifetime);
    }

    /// <summary>Stops with the restart exit code once the answer has had time to leave.</summary>
    public static void RestartSoon(IHostApplicationLifetime lifetime)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
            Environment.ExitCode = AgentProgram.RestartExitCode;
            lifetime.StopApplication();
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Factory reset: enrollments, the kiosk key and the provisioned configuration are gone; restarting into enrollment")]
    private partial void LogReset();
}
