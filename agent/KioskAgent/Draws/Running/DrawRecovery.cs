namespace KioskAgent.Draws.Running;

/// <summary>At start: the draws continue from their stored steps (<see cref="DrawRuntime.RecoverAsync"/>).</summary>
public sealed partial class DrawRecovery(DrawRuntime runtime, ILogger<DrawRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runtime.RecoverAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // The kiosk still serves members; the draw API reports the same problem when staff open the draw.
            LogRecoveryFailed(ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Draws could not be resumed at start: {Error}")]
    private partial void LogRecoveryFailed(string error);
}
