using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Health;
using KioskAgent.Taps;

namespace KioskAgent.Provisioning;

/// <summary>
/// Hardware self-tests for technicians: a card reader waits for a card (<see cref="CardReaderSelfTest"/>;
/// not through central, where nobody stands at the kiosk to tap one); everything else through
/// central's self_test command handler (<see cref="SelfTestCommand"/>): a printer prints its test
/// page, every other device reports its health. One device, or every known device in turn.
/// </summary>
public sealed class SelfTests(SelfTestCommand selfTest, CardReaderSelfTest cardReaders, DeviceHealthRegistry health)
{
    /// <summary>How long a printer may take to print its page.</summary>
    public static readonly TimeSpan PrintTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<SelfTestResult>> RunAsync(string deviceId, string text, TimeSpan cardWait, CancellationToken cancellationToken)
    {
        var ids = deviceId.Length > 0 ? [deviceId] : health.All.Select(d => d.DeviceId).ToList();
        var results = new List<SelfTestResult>();
        foreach (var id in ids)
        {
            var reader = await cardReaders.RunAsync(id, cardWait, cancellationToken).ConfigureAwait(false);
            results.Add(reader is var (passed, kind, detail)
                ? new SelfTestResult { DeviceId = id, Kind = kind, Passed = passed, Detail = detail }
                : await RunOneAsync(id, text, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<SelfTestResult> RunOneAsync(string deviceId, string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PrintTimeout);
        var command = new KioskCommand { Id = $"provisioning-{Guid.CreateVersion7():N}", Name = selfTest.Name };
        command.Args[SelfTestCommand.DeviceArgument] = deviceId;
        command.Args[SelfTestCommand.TextArgument] = text;
        KioskCommandResult result;
        try
        {
            result = await selfTest.RunAsync(command, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SelfTestResult { DeviceId = deviceId, Kind = "printer", Passed = false, Detail = $"not done within {PrintTimeout.TotalSeconds:0} s (paper out? see ListDevices)" };
        }

        if (result.Error == "device_not_found")
        {
            throw new KeyNotFoundException($"no device '{(deviceId.Length <= 64 ? deviceId : deviceId[..64] + "…")}' on this kiosk (see ListDevices)");
        }

        return new SelfTestResult
        {
            DeviceId = deviceId,
            Kind = result.Data.GetValueOrDefault("kind", ""),
            Passed = result.Ok,
            Detail = result.Message,
        };
    }
}
