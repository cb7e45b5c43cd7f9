using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KioskAgent.Api.Technicians;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hosting;
using KioskAgent.Printing;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api;

/// <summary>Device health over gRPC: what is connected, in which state, and why.</summary>
public sealed class DevicesGrpcService(DeviceHealthRegistry health, DeviceManager devices, IOptions<KioskOptions> kiosk, TimeProvider time) : Contracts.V1.Devices.DevicesBase
{
    /// <summary>A technician self-test: it moves paper, so it needs technician credentials.</summary>
    [RequiresTechnician]
    public override Task<PrintTestPageResponse> PrintTestPage(PrintTestPageRequest request, ServerCallContext context)
    {
        var printer = devices.All<ConnectedPrinter>().FirstOrDefault()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "No receipt printer is connected."));
        var jobId = $"selftest-{Guid.CreateVersion7():N}";
        _ = printer.Queue.Submit(jobId, TestPage.Render(kiosk.Value.KioskId, kiosk.Value.SiteId, AgentVersion.Current, time.GetLocalNow()));
        return Task.FromResult(new PrintTestPageResponse { JobId = jobId, PrinterId = printer.DeviceId });
    }

    public override Task<ListDevicesResponse> ListDevices(ListDevicesRequest request, ServerCallContext context)
    {
        var response = new ListDevicesResponse();
        response.Devices.AddRange(health.All.Select(ToStatus));
        return Task.FromResult(response);
    }

    internal static DeviceStatus ToStatus(DeviceHealthReport device) => new()
    {
        DeviceId = device.DeviceId,
        Kind = device.Kind,
        Driver = device.Driver,
        State = device.State switch
        {
            Hardware.Devices.DeviceState.Ok => Contracts.V1.DeviceState.Ok,
            Hardware.Devices.DeviceState.Degraded => Contracts.V1.DeviceState.Degraded,
            Hardware.Devices.DeviceState.Fault => Contracts.V1.DeviceState.Fault,
            Hardware.Devices.DeviceState.Absent => Contracts.V1.DeviceState.Absent,
            _ => Contracts.V1.DeviceState.Unspecified,
        },
        Reason = device.Reason,
        Since = Timestamp.FromDateTimeOffset(device.Since),
    };
}
