using System.Globalization;
using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Provisioning;

namespace KioskAgent.Update;

/// <summary>
/// "update_agent" {"url": "https://..."}: downloads the bundle, verifies and stages it, answers
/// (ok: staged, with version, build and slot; or the refusal reason as the error), then restarts
/// into the trial. Central learns the trial's outcome from the journal (update_applied / update_rolled_back).
/// </summary>
public sealed class UpdateAgentCommand(UpdateDownloader downloader, UpdateInstaller installer, IHostApplicationLifetime lifetime) : IKioskCommandHandler, IKioskCommandFollowUp
{
    public const string UrlArgument = "url";
    public const string Source = "central";

    public string Name => "update_agent";

    public async Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        if (!command.Args.TryGetValue(UrlArgument, out var url) || string.IsNullOrWhiteSpace(url))
        {
            return CommandResults.Fail(command, CommandResults.BadArgument, "args.url (the bundle's https:// address) is required");
        }

        try
        {
            string path;
            try
            {
                path = await downloader.DownloadAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (UpdateRefusedException ex)
            {
                await installer.RefuseAsync(ex, Source).ConfigureAwait(false);
                throw;
            }

            var trial = await installer.StageAsync(path, Source, cancellationToken).ConfigureAwait(false);
            var result = CommandResults.Ok(command, $"staged {trial.Version} (build {trial.Build}) in slot {trial.Slot}: restarting into its trial");
            result.Data["version"] = trial.Version;
            result.Data["build"] = trial.Build.ToString(CultureInfo.InvariantCulture);
            result.Data["slot"] = trial.Slot;
            return result;
        }
        catch (UpdateRefusedException ex)
        {
            return CommandResults.Fail(command, ex.Code, ex.Message);
        }
    }

    public Task AfterReplyAsync(KioskCommand command, KioskCommandResult result, CancellationToken cancellationToken)
    {
        if (result.Ok)
        {
            FactoryReset.RestartSoon(lifetime);
        }

        return Task.CompletedTask;
    }
}
