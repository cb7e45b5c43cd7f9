using KioskAgent.Camera;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Feedback;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hosting;
using KioskAgent.Printing;
using Microsoft.Extensions.Options;
using DeviceState = KioskAgent.Hardware.Devices.DeviceState;

namespace KioskAgent.Commands;

/// <summary>
/// "self_test" {"device": id}: a receipt printer prints its test page (ok once it printed; a page
/// held by paper-out prints later and the command times out); the customer display shows a text
/// ({"text": ...}) and the signals beep and light (<see cref="OutputSelfTests"/>); the camera takes a
/// snapshot and decodes it (<see cref="CameraSelfTest"/>); any other known
/// device reports its health (ok when its state is ok). An unknown id is <c>device_not_found</c>.
/// </summary>
public sealed class SelfTestCommand(DeviceManager devices, DeviceHealthRegistry health, OutputSelfTests outputs, CameraSelfTest camera, IOptions<KioskOptions> kiosk, TimeProvider time) : IKioskCommandHandler
{
    public const string DeviceArgument = "device";

    /// <summary>For the customer display: the text to show (default <see cref="OutputSelfTests.DefaultText"/>).</summary>
    public const string TextArgument = "text";

    public string Name => "self_test";

    public async Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        if (!command.Args.TryGetValue(DeviceArgument, out var deviceId) || string.IsNullOrWhiteSpace(deviceId))
        {
            return CommandResults.Fail(command, CommandResults.BadArgument, "args.device (a device id, see the health report) is required");
        }

        if (devices.Find<ConnectedPrinter>(deviceId) is { } printer)
        {
            return await PrintTestPageAsync(command, printer, cancellationToken).ConfigureAwait(false);
        }

        var output = await outputs.RunAsync(deviceId, command.Args.GetValueOrDefault(TextArgument, ""), cancellationToken).ConfigureAwait(false)
            ?? await camera.RunAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (output is not null)
        {
            var (passed, kind, detail) = output.Value;
            var tested = passed ? CommandResults.Ok(command, detail) : CommandResults.Fail(command, "device_unhealthy", detail);
            tested.Data["device"] = deviceId;
            tested.Data["kind"] = kind;
            return tested;
        }

        if (health.Get(deviceId) is not { } device)
        {
            return CommandResults.Fail(command, "device_not_found", "no device with this id on this kiosk");
        }

        var result = device.State == DeviceState.Ok
            ? CommandResults.Ok(command, $"{device.Kind} is ok")
            : CommandResults.Fail(command, "device_unhealthy", $"{device.Kind} is {device.State.ToString().ToLowerInvariant()}: {device.Reason}");
        AddDevice(result, device.DeviceId, device.Kind, device.State, device.Reason);
        return result;
    }

    private async Task<KioskCommandResult> PrintTestPageAsync(KioskCommand command, ConnectedPrinter printer, CancellationToken cancellationToken)
    {
        var jobId = $"selftest-{Guid.CreateVersion7():N}";
        var page = TestPage.Render(kiosk.Value.KioskId, kiosk.Value.SiteId, AgentVersion.Current, time.GetLocalNow());
        var printed = await printer.Queue.Submit(jobId, page).WaitAsync(cancellationToken).ConfigureAwait(false);
        var result = printed.Printed
            ? CommandResults.Ok(command, "test page printed")
            : CommandResults.Fail(command, "print_failed", $"test page not printed: {printed.Reason}");
        var (state, reason) = printer.CheckHealth();
        AddDevice(result, printer.DeviceId, "printer", state, reason);
        result.Data["job_id"] = jobId;
        return result;
    }

    private static void AddDevice(KioskCommandResult result, string deviceId, string kind, DeviceState state, string reason)
    {
        result.Data["device"] = deviceId;
        result.Data["kind"] = kind;
        result.Data["state"] = state.ToString().ToLowerInvariant();
        result.Data["reason"] = reason;
    }
}
