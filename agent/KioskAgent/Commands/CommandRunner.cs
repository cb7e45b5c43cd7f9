using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KioskAgent.Commands;

/// <summary>
/// Runs accepted commands, two at a time (a slow self-test does not hold up a ping), each within
/// Commands:TimeoutSeconds; remembers its id and result (<see cref="CommandIdStore"/>); answers each;
/// then runs its follow-up (restart_agent). A command whose
/// message expiry passed while it waited is not run and not answered (its asker gave up).
/// </summary>
public sealed partial class CommandRunner(
    CommandQueue queue,
    CommandReplies replies,
    CommandStamp stamp,
    CommandCounters counters,
    CommandIdStore ids,
    DeadLetterLog deadLetters,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<CommandRunner> logger) : BackgroundService
{
    private const int Workers = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOneAsync(pending, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task RunOneAsync(PendingCommand pending, CancellationToken stoppingToken)
    {
        var command = pending.Command;
        if (pending.ExpiresAt is { } expiresAt && time.GetUtcNow() > expiresAt)
        {
            pending.Result.TrySetResult(stamp.Apply(CommandResults.Fail(command, CommandResults.Expired, "the command expired before it could run")));
            deadLetters.Reject(CommandDispatcher.KindName, CommandResults.Expired, pending.Topic, []);
            return;
        }

        var result = stamp.Apply(await RunHandlerAsync(pending.Handler, command, stoppingToken).ConfigureAwait(false));
        result.Id = command.Id;
        result.Name = command.Name;
        pending.Result.TrySetResult(result);
        // On disk before the answer and before any follow-up (restart_agent stops the agent).
        ids.Remember(command.Id, result, pending.ExpiresAt);
        counters.Record(result);
        LogCompleted(command.Name, command.Id, result.Ok, result.Error);
        await replies.SendAsync(pending.Reply, result, stoppingToken).ConfigureAwait(false);
        if (pending.Handler is IKioskCommandFollowUp followUp)
        {
            await followUp.AfterReplyAsync(command, result, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<KioskCommandResult> RunHandlerAsync(IKioskCommandHandler handler, KioskCommand command, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            // WaitAsync: a handler that ignores its token still cannot hold a worker past the timeout.
            return await handler.RunAsync(command, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return CommandResults.Fail(command, CommandResults.Timeout, $"no result within {options.Value.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            // Exception messages can carry anything; the type is enough for central, the details stay in the log.
            LogHandlerFailed(command.Name, ex);
            return CommandResults.Fail(command, CommandResults.Failed, $"the command failed ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Name} ({Id}) done: ok={Ok} {Error}")]
    private partial void LogCompleted(string name, string id, bool ok, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {Name} failed")]
    private partial void LogHandlerFailed(string name, Exception exception);
}
