using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Health;

namespace KioskAgent.Api;

/// <summary>Device health over gRPC: what is connected, in which state, and why.</summary>
public sealed class DevicesGrpcService(DeviceHealthRegistry health) : Contracts.V1.Devices.DevicesBase
{
    public override Task<ListDevicesResponse> ListDevices(ListDevicesRequest request, ServerCallContext context)
    {
        var response = new ListDevicesResponse();
        response.Devices.AddRange(health.All.Select(ToStatus));
        return Task.FromResult(response);
    }

    internal static DeviceStatus ToStatus(DeviceHealth device) => new()
    {
        DeviceId = device.DeviceId,
        Kind = device.Kind,
        Driver = device.Driver,
        State = device.State switch
        {
            Devices.Health.DeviceState.Ok => Contracts.V1.DeviceState.Ok,
            Devices.Health.DeviceState.Degraded => Contracts.V1.DeviceState.Degraded,
            Devices.Health.DeviceState.Fault => Contracts.V1.DeviceState.Fault,
            Devices.Health.DeviceState.Absent => Contracts.V1.DeviceState.Absent,
            _ => Contracts.V1.DeviceState.Unspecified,
        },
        Reason = device.Reason,
        Since = Timestamp.FromDateTimeOffset(device.Since),
    };
}
